using TrustAnchor.Firmware.TrustAnchors;
using TrustAnchor.Simulator.Dcc;
using TrustAnchor.Simulator.Devices;
using TrustAnchor.Simulator.Premises;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// CS02a Provide Security Credentials Details: the question the DCC asks to learn what a device's cells hold (to
/// recognise a hub's pack, to check a replacement, to reconcile a lost response).
/// </summary>
public sealed class CredentialsDetailsRequest(CommandExchange exchange)
{
    /// <summary>
    /// CS02a to each device, asked by the party holding its requester cell (Supplier on meters, WAN Provider on the
    /// hub) or as <paramref name="askAs"/>. A device whose command would rely on a revoked certificate gets none: its
    /// result is "not-sent".
    /// </summary>
    public async Task<(List<CommandOutcome> Results, List<string> Failures)> AskAsync(
        SmartMeteringSystem premises, IReadOnlyList<VirtualDevice> devices, CancellationToken cancellationToken, int? askAs = null)
    {
        var dcc = premises.Dcc;
        var commands = new List<(byte[] Frame, string TargetEui, ulong Counter)>();
        var rebuilders = new List<Func<(byte[] Frame, ulong Counter)>>();
        var sent = new List<VirtualDevice>();
        var refused = new Dictionary<VirtualDevice, string>();
        foreach (var device in devices)
        {
            var record = premises.Record(device);
            var requester = CommandParties.Holding(dcc.Parties, record, askAs ?? CommandParties.RequesterRole(record));
            var refusal = RelyingParty.Refusal(dcc, requester, CommandParties.AcbFor(dcc.Parties, record));
            if (refusal is not null)
            {
                refused[device] = refusal;
                continue;
            }

            var roles = record.Expected.Keys.Select(k => k.Role).Distinct().Order().ToArray();
            var counter = dcc.NextCounter();
            commands.Add((DccCommands.ProvideSecurityCredentialsDetails(requester, CommandParties.AcbFor(dcc.Parties, record), record, counter, roles), record.EuiHex, counter));
            rebuilders.Add(() =>
            {
                var fresh = dcc.NextCounter();
                return (DccCommands.ProvideSecurityCredentialsDetails(requester, CommandParties.AcbFor(dcc.Parties, record), record, fresh, roles), fresh);
            });
            sent.Add(device);
        }

        (List<CommandOutcome> Results, List<string> Failures) evaluated = sent.Count == 0
            ? ([], [])
            : await exchange.SendAndEvaluateAsync(premises, null, sent, commands, cancellationToken, remember: false, rebuild: rebuilders);
        var results = new List<CommandOutcome>();
        var k = 0;
        foreach (var device in devices)
        {
            results.Add(refused.TryGetValue(device, out var reason)
                ? new CommandOutcome(premises.Record(device), new DeviceAnswer(device.EuiHex, 0), "not-sent", [], null, null) { NotSentReason = reason }
                : evaluated.Results[k++]);
        }

        return (results, evaluated.Failures);
    }
}
