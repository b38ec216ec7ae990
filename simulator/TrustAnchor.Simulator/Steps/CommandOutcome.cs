using TrustAnchor.Firmware.Gbcs;
using TrustAnchor.Simulator.Dcc;

namespace TrustAnchor.Simulator.Steps;

/// <summary>
/// One device's answer to a command, as the DCC read it: the outcome ("accepted", "refused", "no-response" or
/// "not-sent"), the alert codes raised, and the parsed response where the step needs it.
/// </summary>
public sealed record CommandOutcome(
    DeviceRecord Device,
    DeviceAnswer Answer,
    string Outcome,
    List<int> Alerts,
    UpdateSecurityCredentialsResponse? Update,
    ProvideSecurityCredentialsDetailsResponse? Details)
{
    /// <summary>The first attempt got no answer at all and the DCC sent the command again.</summary>
    public bool Retried { get; init; }

    /// <summary>The response was lost but CS02a showed the change had been made.</summary>
    public bool Reconciled { get; init; }

    /// <summary>Why the DCC, as a Relying Party, did not send the command (outcome "not-sent").</summary>
    public string? NotSentReason { get; init; }
}
