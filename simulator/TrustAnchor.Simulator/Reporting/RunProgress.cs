using System.Diagnostics;
using System.Globalization;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Reporting;

/// <summary>Told about each step as it finishes; draws whatever suits the terminal.</summary>
public interface IRunProgress : IDisposable
{
    void StepStarted(int premises, int stepIndex, string stepName);

    void StepCompleted(int premises, int stepIndex, string stepName, StepResult result);

    void PremisesCompleted(int premises, bool passed);
}

public sealed class ProgressReporterFactory(RunConsole console)
{
    public IRunProgress Create(ProgressStyle style, int premises, int steps) => style switch
    {
        ProgressStyle.Quiet => new QuietProgress(),
        ProgressStyle.Lines => premises == 1 ? new StepLineProgress(console.Out, steps) : new FleetLineProgress(console.Out, premises),
        // A bar asked for where nothing can redraw it (a file, a pipe) becomes plain lines: no \r in logs.
        ProgressStyle.Bar => premises == 1 ? new StepLineProgress(console.Out, steps)
            : console.CanRedraw ? new FleetBarProgress(console.Error, premises) : new FleetLineProgress(console.Out, premises),
        _ => premises == 1
            ? new StepLineProgress(console.Out, steps)
            : console.IsInteractive ? new FleetBarProgress(console.Error, premises) : new FleetLineProgress(console.Out, premises),
    };
}

public sealed class QuietProgress : IRunProgress
{
    public void StepStarted(int premises, int stepIndex, string stepName) { }
    public void StepCompleted(int premises, int stepIndex, string stepName, StepResult result) { }
    public void PremisesCompleted(int premises, bool passed) { }
    public void Dispose() { }
}

/// <summary>One premises: a line per step as it completes, with what happened.</summary>
public sealed class StepLineProgress(TextWriter output, int steps) : IRunProgress
{
    private readonly int _width = steps.ToString(CultureInfo.InvariantCulture).Length;

    public void StepStarted(int premises, int stepIndex, string stepName) { }

    public void StepCompleted(int premises, int stepIndex, string stepName, StepResult result)
    {
        var mark = result.Passed ? "✓" : "✗";
        var index = stepIndex.ToString(CultureInfo.InvariantCulture).PadLeft(_width);
        output.WriteLine($"  {mark} [{index}/{steps}] {stepName,-28} {result.Detail}");
        foreach (var failure in result.Failures)
        {
            output.WriteLine($"        expected: {failure}");
        }

        output.Flush();
    }

    public void PremisesCompleted(int premises, bool passed) { }

    public void Dispose() { }
}

/// <summary>A fleet in CI: a plain line at each tenth of the way.</summary>
public sealed class FleetLineProgress(TextWriter output, int total) : IRunProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _done, _failed, _lastTenth;

    public void StepStarted(int premises, int stepIndex, string stepName) { }

    public void StepCompleted(int premises, int stepIndex, string stepName, StepResult result) { }

    public void PremisesCompleted(int premises, bool passed)
    {
        var done = Interlocked.Increment(ref _done);
        if (!passed)
        {
            Interlocked.Increment(ref _failed);
        }

        var tenth = (int)(10L * done / total);
        var last = Volatile.Read(ref _lastTenth);
        if (tenth > last && Interlocked.CompareExchange(ref _lastTenth, tenth, last) == last)
        {
            var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            lock (output)
            {
                output.WriteLine($"  premises {done}/{total} ({tenth * 10}%)  {rate:0} per s  {Volatile.Read(ref _failed)} failed");
                output.Flush();
            }
        }
    }

    public void Dispose() { }
}

/// <summary>A fleet on a terminal: one redrawn bar on stderr, at most ten times a second.</summary>
public sealed class FleetBarProgress : IRunProgress
{
    private const int BarWidth = 30;
    private readonly TextWriter _error;
    private readonly int _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private int _done, _failed;

    public FleetBarProgress(TextWriter error, int total)
    {
        _error = error;
        _total = total;
        _timer = new Timer(_ => Draw(), null, 0, 100);
    }

    public void StepStarted(int premises, int stepIndex, string stepName) { }

    public void StepCompleted(int premises, int stepIndex, string stepName, StepResult result) { }

    public void PremisesCompleted(int premises, bool passed)
    {
        Interlocked.Increment(ref _done);
        if (!passed)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private void Draw()
    {
        var done = Volatile.Read(ref _done);
        var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var rate = done / seconds;
        var filled = (int)((long)BarWidth * done / _total);
        var eta = done > 0 && rate > 0 ? $"ETA {(_total - done) / rate:0} s" : "ETA --";
        lock (_error)
        {
            _error.Write($"\r  [{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{_total} premises  {rate:0}/s  {Volatile.Read(ref _failed)} failed  {eta}   ");
            _error.Flush();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Draw();
        lock (_error)
        {
            _error.WriteLine();
        }
    }
}
