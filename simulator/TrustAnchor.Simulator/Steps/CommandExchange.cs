using Microsoft.Extensions.Logging;
using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Expectations;
using TrustAnchor.Simulator.Premises;
using TrustAnchor.Simulator.Scenarios;
using TrustAnchor.Simulator.Wan;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// The DCC sending commands to a premises over the WAN: frames out, responses and alerts gathered and read,
/// unanswered commands sent again with fresh counters, one-off WAN faults injected where the step asks, and each
/// step's expectations judged on what came back.
/// </summary>
public sealed class CommandExchange(ILogger<CommandExchange> logger)
{
    /// <summary>Sends commands, gathers and authenticates what comes back, and checks the step's expectations.</summary>
    public async Task<(List<CommandOutcome> Results, List<string> Failures)> SendAndEvaluateAsync(
        SmartMeteringSystem premises,
        ScenarioStep? step,
        IReadOnlyList<VirtualDevice> devices,
        List<(byte[] Frame, string TargetEui, ulong Counter)> commands,
        CancellationToken cancellationToken,
        bool remember = true,
        IReadOnlyList<Func<(byte[] Frame, ulong Counter)>>? rebuild = null,
        bool checkOutcome = true)
    {
        var exchange = premises.RequireExchange();
        var counters = premises.Report.Counters;
        var retriedIndexes = new HashSet<int>();
        // Flash images to compare against only when the step claims the state stays untouched.
        var before = step?.Expect.StateUnchanged == true ? devices.Select(d => d.FlashSnapshot()).ToList() : null;
        if (step?.WanFault is { } fault)
        {
            var first = commands[0].Frame;
            var bit = -1;
            if (fault == "corrupt")
            {
                // Flip a bit in the middle of the payload: the frame still routes, its protection must catch it.
                var message = GbcsMessage.Parse(first);
                bit = (message.ContentOffset + message.ContentLength / 2) * 8 + 3;
            }

            premises.Wan!.Near.InjectOnce(fault switch { "corrupt" => OneOffFault.Corrupt, "lose" => OneOffFault.Lose, _ => OneOffFault.Duplicate }, bit);
        }

        var answers = (await exchange.ExchangeAsync(commands.Select(c => ((byte[]?)c.Frame, c.TargetEui, c.Counter)).ToList(), cancellationToken)).ToList();
        counters.AddCommands(commands.Count);

        // Nothing at all came back (lost on the way there or back): the DCC tries again with a fresh counter,
        // as it must — the same frame again would be a replay. Replays and one-off faults are not retried.
        for (var attempt = 0; rebuild is not null && step?.WanFault is null && attempt < premises.Dcc.Options.Retries; attempt++)
        {
            var silent = Enumerable.Range(0, answers.Count).Where(i => answers[i].Response is null && answers[i].Alerts.Count == 0).ToList();
            if (silent.Count == 0)
            {
                break;
            }

            var again = silent.Select(i => { var (frame, counter) = rebuild[i](); return (Index: i, Frame: frame, Counter: counter); }).ToList();
            logger.LogInformation("{Premises}: no answer from {Count} device(s); retry {Attempt} with fresh counters", premises.Name, again.Count, attempt + 1);
            var retried = await exchange.ExchangeAsync(again.Select(a => ((byte[]?)a.Frame, commands[a.Index].TargetEui, a.Counter)).ToList(), cancellationToken);
            counters.AddCommands(again.Count);
            for (var k = 0; k < again.Count; k++)
            {
                answers[again[k].Index] = retried[k];
                retriedIndexes.Add(again[k].Index);
                commands[again[k].Index] = (again[k].Frame, commands[again[k].Index].TargetEui, again[k].Counter);
            }
        }

        if (remember)
        {
            premises.Inventory.LastCommands = commands;
        }

        var failures = new List<string>();
        var results = new List<CommandOutcome>();
        for (var i = 0; i < devices.Count; i++)
        {
            var record = premises.Record(devices[i]);
            var alerts = ResponseReader.ReadAlerts(record, answers[i], counters, failures);
            var read = ResponseReader.Read(record, answers[i], alerts, failures);
            results.Add(retriedIndexes.Contains(i) ? read with { Retried = true } : read);
            if (step is null)
            {
                continue;
            }

            ExpectationJudge.Alerts(step, record, alerts, failures);
            ExpectationJudge.StoreUntouched(step, record.Display, before?[i], before is null ? [] : devices[i].FlashSnapshot(), failures);
        }

        if (step is not null && checkOutcome)
        {
            ExpectationJudge.Outcomes(step, results.Select(r => (r.Device.Display, r.Outcome)), failures);
        }

        return (results, failures);
    }

    /// <summary>
    /// Sends the commands one at a time (the DCC waits for each answer), checks each against the step, and keeps
    /// them all for replay-last.
    /// </summary>
    public async Task<(List<(string Label, CommandOutcome Result)> Results, List<string> Failures)> SendOneByOneAsync(
        SmartMeteringSystem premises, ScenarioStep step, IReadOnlyList<SingleCommand> items, CancellationToken cancellationToken)
    {
        var results = new List<(string, CommandOutcome)>();
        var failures = new List<string>();
        var sent = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var dcc = premises.Dcc;
        foreach (var item in items)
        {
            var counter = dcc.NextCounter();
            var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)> { (item.Build(counter), item.Device.EuiHex, counter) };
            Func<(byte[] Frame, ulong Counter)> rebuild = () =>
            {
                var fresh = dcc.NextCounter();
                return (item.Build(fresh), fresh);
            };
            var evaluated = await SendAndEvaluateAsync(premises, step, [item.Device], commands, cancellationToken, remember: false, rebuild: [rebuild], checkOutcome: false);
            results.Add((item.Label, evaluated.Results[0]));
            failures.AddRange(evaluated.Failures);
            sent.Add(commands[0]);
        }

        premises.Inventory.LastCommands = sent;
        ExpectationJudge.Outcomes(step, results.Select(r => (r.Item1, r.Item2.Outcome)), failures);
        return (results, failures);
    }
}
