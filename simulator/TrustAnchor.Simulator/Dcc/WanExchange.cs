using TrustAnchor.Firmware.Errors;
using TrustAnchor.Firmware.Gbcs;

namespace TrustAnchor.Simulator.Dcc;

/// <summary>What came back from one device for one command.</summary>
public sealed class DeviceAnswer
{
    public DeviceAnswer(string targetEui, ulong counter)
    {
        TargetEui = targetEui;
        Counter = counter;
    }

    public string TargetEui { get; }

    public ulong Counter { get; }

    public GbcsMessage? Response { get; set; }

    public List<GbcsMessage> Alerts { get; } = [];

    /// <summary>True when nothing was sent and the DCC only waits for what the device sends on its own.</summary>
    public bool Unsolicited { get; init; }

    public bool Settled => Response is not null || (Unsolicited && Alerts.Count > 0);
}

/// <summary>
/// The DCC end of one premises' WAN: sends command frames and gathers the responses and alerts that come back,
/// matching them to the device that sent them. A command is settled by its response, or — when the device refuses
/// without answering — by an alert followed by a short quiet period, or by the response time-out.
/// </summary>
public sealed class WanExchange(Wan.IFrameTransport wan, TimeSpan responseTimeout)
{
    /// <summary>After an alert with no response, how long to wait for a response before taking the alert as the answer.</summary>
    public static readonly TimeSpan AlertGrace = TimeSpan.FromMilliseconds(60);

    private readonly List<GbcsMessage> _stray = [];

    public TimeSpan ResponseTimeout { get; } = responseTimeout;

    /// <summary>Frames that arrived for no command in flight (late duplicates, unsolicited alerts).</summary>
    public IReadOnlyList<GbcsMessage> Stray => _stray;

    public long FramesSent { get; private set; }

    public long FramesUnparsed { get; private set; }

    public async Task<IReadOnlyList<DeviceAnswer>> ExchangeAsync(
        IReadOnlyList<(byte[]? Frame, string TargetEui, ulong Counter)> commands,
        CancellationToken cancellationToken)
    {
        var answers = commands.Select(c => new DeviceAnswer(c.TargetEui, c.Counter) { Unsolicited = c.Frame is null }).ToList();
        foreach (var command in commands)
        {
            // A null frame waits for what a device sends on its own (e.g. the commissioning alert).
            if (command.Frame is not null)
            {
                await wan.SendAsync(command.Frame, cancellationToken).ConfigureAwait(false);
                FramesSent++;
            }
        }

        var deadline = DateTime.UtcNow + ResponseTimeout;
        DateTime? graceUntil = null;
        while (true)
        {
            if (answers.All(a => a.Settled))
            {
                break;
            }

            var now = DateTime.UtcNow;
            var unsettledHaveAlerts = answers.Where(a => !a.Settled).All(a => a.Alerts.Count > 0);
            if (unsettledHaveAlerts)
            {
                graceUntil ??= now + AlertGrace;
                if (now >= graceUntil)
                {
                    break;
                }
            }

            var until = graceUntil is { } g && g < deadline ? g : deadline;
            var wait = until - now;
            if (wait <= TimeSpan.Zero)
            {
                break;
            }

            var frame = await wan.ReceiveAsync(wait, cancellationToken).ConfigureAwait(false);
            if (frame is null)
            {
                if (DateTime.UtcNow >= deadline)
                {
                    break;
                }

                continue;
            }

            Accept(frame, answers);
        }

        // Pick up anything already waiting (e.g. alerts that overtook or trailed the response).
        while (await wan.ReceiveAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false) is { } trailing)
        {
            Accept(trailing, answers);
        }

        return answers;
    }

    private void Accept(byte[] frame, List<DeviceAnswer> answers)
    {
        GbcsMessage message;
        try
        {
            message = GbcsMessage.Parse(frame);
        }
        catch (TrustAnchorException)
        {
            FramesUnparsed++;
            return;
        }

        var from = Convert.ToHexString(message.OriginatorId);
        var answer = answers.FirstOrDefault(a => string.Equals(a.TargetEui, from, StringComparison.OrdinalIgnoreCase));
        if (answer is null)
        {
            _stray.Add(message);
            return;
        }

        if (message.CraFlag == GbcsCraFlag.Alert)
        {
            // Genuine device alerts (0x1000 / 0x1001) do not name the command that caused them: an alert from the device
            // while its command is in flight is taken as that command's answer.
            answer.Alerts.Add(message);
        }
        else if (message.CraFlag == GbcsCraFlag.Response && answer.Response is null && message.OriginatorCounter == answer.Counter)
        {
            // A response carries its command's Originator Counter; a different one is a late answer to an earlier command.
            answer.Response = message;
        }
        else
        {
            _stray.Add(message);
        }
    }
}
