using System.Collections.Concurrent;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>The outcome of one step across all premises.</summary>
public sealed class StepReport
{
    public const int MaxFailuresKept = 50;

    private readonly object _gate = new();
    private readonly List<FailureDetail> _failures = [];
    private long _totalTicks;
    private long _maxTicks;

    public StepReport(int index, string name, string action, string description)
    {
        Index = index;
        Name = name;
        Action = action;
        Description = description;
    }

    public int Index { get; }
    public string Name { get; }
    public string Action { get; }
    public string Description { get; }
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    /// <summary>Steps not run because an earlier step at that premises could not continue.</summary>
    public int NotRun { get; private set; }

    /// <summary>The first premises' account of the step (a fleet shares it).</summary>
    public string? Detail { get; private set; }

    public TimeSpan TotalDuration => TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks));
    public TimeSpan MaxDuration => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));
    public TimeSpan MeanDuration => Passed + Failed == 0 ? TimeSpan.Zero : TotalDuration / (Passed + Failed);

    public IReadOnlyList<FailureDetail> Failures
    {
        get
        {
            lock (_gate)
            {
                return _failures.ToList();
            }
        }
    }

    public void Record(string premises, StepResult result)
    {
        lock (_gate)
        {
            if (result.Passed)
            {
                Passed++;
            }
            else
            {
                Failed++;
                if (_failures.Count < MaxFailuresKept)
                {
                    _failures.Add(new FailureDetail(premises, string.Join("; ", result.Failures), result.Detail));
                }
            }

            Detail ??= result.Detail;
            _totalTicks += result.Duration.Ticks;
            _maxTicks = Math.Max(_maxTicks, result.Duration.Ticks);
        }
    }

    public void RecordNotRun()
    {
        lock (_gate)
        {
            NotRun++;
        }
    }
}

public sealed record FailureDetail(string Premises, string Message, string Detail);

/// <summary>Figures a run gathers across all premises.</summary>
public sealed class RunCounters
{
    private long _framesSent, _alerts, _deviceVerifies, _commands;

    public long FramesSent => Interlocked.Read(ref _framesSent);
    public long Commands => Interlocked.Read(ref _commands);
    public long Alerts => Interlocked.Read(ref _alerts);

    /// <summary>ECDSA verifications the virtual devices performed (frame signatures and certification paths).</summary>
    public long DeviceVerifies => Interlocked.Read(ref _deviceVerifies);

    public void AddFrames(long n) => Interlocked.Add(ref _framesSent, n);
    public void AddCommands(long n) => Interlocked.Add(ref _commands, n);
    public void AddAlerts(long n) => Interlocked.Add(ref _alerts, n);
    public void AddDeviceVerifies(long n) => Interlocked.Add(ref _deviceVerifies, n);
}

/// <summary>Everything a run produced; the report writers and the summary table read only this.</summary>
public sealed class RunReport
{
    private readonly ConcurrentQueue<string> _errors = new();
    private int _premisesPassed, _premisesFailed;

    public RunReport(string scenario, string description, bool negative, IReadOnlyList<StepReport> steps)
    {
        Scenario = scenario;
        Description = description;
        Negative = negative;
        Steps = steps;
    }

    public string Scenario { get; }
    public string Description { get; }
    public bool Negative { get; }
    public IReadOnlyList<StepReport> Steps { get; }
    public string Transport { get; init; } = "memory";
    public int Premises { get; init; } = 1;
    public int Parallel { get; init; } = 1;
    public int Seed { get; init; }
    public string RunFolder { get; init; } = "";
    public DateTimeOffset StartedUtc { get; init; } = DateTimeOffset.UtcNow;
    public TimeSpan Elapsed { get; set; }
    public long PeakWorkingSetBytes { get; set; }
    public RunCounters Counters { get; } = new();
    public Wan.LinkStatistics Wan { get; } = new();
    public Wan.LinkStatistics Han { get; } = new();

    public int PremisesPassed => Volatile.Read(ref _premisesPassed);
    public int PremisesFailed => Volatile.Read(ref _premisesFailed);

    /// <summary>Problems outside any step (setup, a crashed premises).</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public bool Passed => _errors.IsEmpty && PremisesFailed == 0 && Steps.All(s => s.Failed == 0);

    public void PremisesDone(bool passed)
    {
        if (passed)
        {
            Interlocked.Increment(ref _premisesPassed);
        }
        else
        {
            Interlocked.Increment(ref _premisesFailed);
        }
    }

    public void AddError(string error) => _errors.Enqueue(error);
}
