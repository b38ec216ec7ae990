namespace TrustAnchor.Simulator.Scenarios;

/// <summary>What a step does. JSON names are kebab-case: "pre-notify", "replace-credentials", …</summary>
public enum StepAction
{
    /// <summary>SR 12.2: the DCC's inventory learns the hub and meters (EUI-64, type, install code, pack).</summary>
    PreNotify,

    /// <summary>SR 8.14.1: the Comms Hub is installed, its WAN link comes up, the DCC recognises its pack (CS02a).</summary>
    InstallHub,

    /// <summary>SR 8.11 / CCS01: the DCC sends the Comms Hub one CCS01 per meter (its EUI-64 and install code) over the WAN.</summary>
    Whitelist,

    /// <summary>Meters join the ZigBee HAN with the link key from their install code.</summary>
    Join,

    /// <summary>CS03 joins: each meter and the PPMID are told the device they work with (CS03A1 to the meter, CS03A2 to the PPMID; or CS03B).</summary>
    JoinDevices,

    /// <summary>Meters leave the HAN.</summary>
    Leave,

    /// <summary>SR 8.1.1: ECS70 Set Clock on the ESME (a command), the other clocks synchronised; each device raises 0x8F69.</summary>
    Commission,

    /// <summary>CS02b Update Security Credentials, signed by <see cref="ScenarioStep.Signer"/>.</summary>
    ReplaceCredentials,

    /// <summary>CS02a Provide Security Credentials Details: every cell holds the expected party's Entity Identifier and SKI.</summary>
    VerifyCredentials,

    /// <summary>Sends the previous command frame again, byte for byte.</summary>
    ReplayLast,

    /// <summary>Moves the virtual clock forward by <see cref="ScenarioStep.By"/>.</summary>
    AdvanceClock,

    /// <summary>The DCC re-issues the recovery, transitionalCoS, wanProvider and ACB certificates with the same keys (MP261).</summary>
    ReissuePack,

    /// <summary>CS02c Issue Security Credentials: the device makes a new key pair (<see cref="ScenarioStep.KeyUsage"/>) and returns a CSR.</summary>
    IssueDeviceCredentials,

    /// <summary>CS02d Update Device Certificates: the SMKI's Issuing DCA issues a certificate for the CSR and the device installs it.</summary>
    UpdateDeviceCertificate,

    /// <summary>CS02e Provide Device Certificates: the device returns its certificate; the DCC checks it and uses its key from then on.</summary>
    ProvideDeviceCertificate,

    /// <summary>The SMKI revokes a party's Organisation Certificate (or the Issuing OCA) and publishes the next CRL (ARL); the DCC reads it.</summary>
    RevokeCertificate,

    /// <summary>The SMKI issues a party new Organisation Certificates with new keys (same Entity Identifier); the DCC signs with them from then on.</summary>
    ReissueCertificates,

    /// <summary>Runs every step of another scenario (<see cref="ScenarioStep.Scenario"/>) here; expanded when loaded.</summary>
    Include,
}

/// <summary>One step of a scenario and what it must produce.</summary>
public sealed class ScenarioStep
{
    public StepAction Action { get; init; }

    /// <summary>Label in progress lines and reports; defaults to the action's name.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    /// <summary>For include: the scenario whose steps run here.</summary>
    public string? Scenario { get; init; }

    /// <summary>Device kinds the step addresses ("chf", "esme", "gsme", "ppmid"); default depends on the action.</summary>
    public List<string>? Devices { get; init; }

    /// <summary>CS02b credentials replacement mode, e.g. "supplierBySupplier" (GBCS names) or its number.</summary>
    public string? Mode { get; init; }

    /// <summary>Known Remote Party that signs the command: supplier, supplier2, networkOperator, transitionalCoS, recovery, wanProvider, acb.</summary>
    public string? Signer { get; init; }

    /// <summary>Party the frame claims to come from (its Entity Identifier as Originator ID); default the signer.</summary>
    public string? Originator { get; init; }

    /// <summary>Party whose certificates replace the cells' (default: the party the mode installs).</summary>
    public string? NewParty { get; init; }

    /// <summary>"apply" or "disapply" (default) time-based certification-path checks on the device.</summary>
    public string? TimeChecks { get; init; }

    /// <summary>Which replacement certificate to send: "valid" (default), "expired" or "not-yet-valid".</summary>
    public string? Certificate { get; init; }

    /// <summary>"correct" (default) or "wrong": the install code presented when joining, or sent in CCS01 (a CRC that does not match).</summary>
    public string? InstallCode { get; init; }

    /// <summary>For advance-clock: how far, as a TimeSpan ("30.00:00:00") or ISO 8601 duration ("P30D").</summary>
    public string? By { get; init; }

    /// <summary>
    /// Mode 9's plaintextSymmetricKey [0]: "correct" (the default in anyByContingency), "wrong" or "missing"; on
    /// another mode "correct" sends the key where it does not belong.
    /// </summary>
    public string? ContingencyKey { get; init; }

    /// <summary>"present" or "absent": overrides whether the ACB's MAC is added (default: as GBCS frames the command).</summary>
    public string? Mac { get; init; }

    /// <summary>For replace-credentials: only the cells of these roles (e.g. ["supplier"]); default every cell the mode replaces.</summary>
    public List<string>? Cells { get; init; }

    /// <summary>For the device's own credentials (CS02c/d/e) and revocation: "ds" (default) or "ka".</summary>
    public string? KeyUsage { get; init; }

    /// <summary>For update-device-certificate: "issued" (the SMKI's certificate for the CSR, default) or "other-key" (a Device Certificate for a key the device never made).</summary>
    public string? DeviceCertificate { get; init; }

    /// <summary>For verify-credentials: "current" (default) or "retired" — the DCC still uses the device's key from before a re-key.</summary>
    public string? DeviceKey { get; init; }

    /// <summary>For revoke-certificate and reissue-certificates: the party (see <see cref="Signer"/>), or "issuingOca" to revoke the Issuing OCA (ARL).</summary>
    public string? Party { get; init; }

    /// <summary>For join-devices: "a" (CS03A1 to the meter, CS03A2 to the PPMID; default) or "b" (CS03B to the meter).</summary>
    public string? Method { get; init; }

    /// <summary>One-off WAN fault on the DCC's next frame in this step: "corrupt", "lose" or "duplicate".</summary>
    public string? WanFault { get; init; }

    public StepExpectation Expect { get; init; } = new();

    public string DisplayName => Name ?? ScenarioNames.Kebab(Action.ToString());

    /// <summary>A Remote Party Role by its GBCS name ("supplier", "networkOperator", "accessControlBroker", …).</summary>
    public static bool TryParseRole(string text, out int role)
    {
        try
        {
            role = Smki.RemotePartyRole.Parse(text);
            return role != (int)TrustAnchor.Firmware.TrustAnchors.RemotePartyRole.Root;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or Smki.SmkiException)
        {
            role = -1;
            return false;
        }
    }

    public void Validate(string scenario, int index)
    {
        var where = $"scenario '{scenario}' step {index} ({DisplayName})";
        if (Devices is not null)
        {
            foreach (var device in Devices)
            {
                if (device != DeviceKinds.CommsHub && !DeviceKinds.IsMeter(device))
                {
                    throw new ScenarioFormatException($"{where}: unknown device '{device}'");
                }
            }
        }

        switch (Action)
        {
            case StepAction.ReplaceCredentials:
                if (Mode is null || !CredentialsModes.TryParse(Mode, out _))
                {
                    throw new ScenarioFormatException($"{where}: needs a valid mode (e.g. supplierBySupplier), got '{Mode}'");
                }

                if (Signer is null || !PartyNames.IsKnown(Signer))
                {
                    throw new ScenarioFormatException($"{where}: needs a signer ({string.Join(", ", PartyNames.All)})");
                }

                if (Originator is not null && !PartyNames.IsKnown(Originator))
                {
                    throw new ScenarioFormatException($"{where}: unknown originator '{Originator}'");
                }

                if (NewParty is not null && NewParty != PartyNames.Successors && !PartyNames.IsKnown(NewParty))
                {
                    throw new ScenarioFormatException($"{where}: unknown newParty '{NewParty}'");
                }

                break;
            case StepAction.RevokeCertificate:
            case StepAction.ReissueCertificates:
                if (Party is null || !(PartyNames.IsKnown(Party) || (Action == StepAction.RevokeCertificate && Party == PartyNames.IssuingOca)))
                {
                    throw new ScenarioFormatException($"{where}: needs a party ({string.Join(", ", PartyNames.All)}{(Action == StepAction.RevokeCertificate ? ", " + PartyNames.IssuingOca : "")})");
                }

                break;
            case StepAction.Whitelist:
            case StepAction.JoinDevices:
            case StepAction.Commission:
            case StepAction.IssueDeviceCredentials:
            case StepAction.UpdateDeviceCertificate:
            case StepAction.ProvideDeviceCertificate:
                if (Signer is not null && !PartyNames.IsKnown(Signer))
                {
                    throw new ScenarioFormatException($"{where}: unknown signer '{Signer}' ({string.Join(", ", PartyNames.All)})");
                }

                break;
            case StepAction.Include:
                if (string.IsNullOrWhiteSpace(Scenario))
                {
                    throw new ScenarioFormatException($"{where}: include needs 'scenario'");
                }

                break;
            case StepAction.AdvanceClock:
                if (By is null || !ScenarioNames.TryParseDuration(By, out _))
                {
                    throw new ScenarioFormatException($"{where}: advance-clock needs 'by' (e.g. \"30.00:00:00\" or \"P30D\")");
                }

                break;
        }

        if (TimeChecks is not null and not ("apply" or "disapply"))
        {
            throw new ScenarioFormatException($"{where}: timeChecks must be apply or disapply");
        }

        if (Certificate is not null and not ("valid" or "expired" or "not-yet-valid"))
        {
            throw new ScenarioFormatException($"{where}: certificate must be valid, expired or not-yet-valid");
        }

        if (InstallCode is not null and not ("correct" or "wrong"))
        {
            throw new ScenarioFormatException($"{where}: installCode must be correct or wrong");
        }

        if (Method is not null and not ("a" or "b"))
        {
            throw new ScenarioFormatException($"{where}: method must be a or b");
        }

        if (ContingencyKey is not null and not ("correct" or "wrong" or "missing"))
        {
            throw new ScenarioFormatException($"{where}: contingencyKey must be correct, wrong or missing");
        }

        if (Mac is not null and not ("present" or "absent"))
        {
            throw new ScenarioFormatException($"{where}: mac must be present or absent");
        }

        if (KeyUsage is not null and not ("ds" or "ka"))
        {
            throw new ScenarioFormatException($"{where}: keyUsage must be ds or ka");
        }

        if (DeviceCertificate is not null and not ("issued" or "other-key"))
        {
            throw new ScenarioFormatException($"{where}: deviceCertificate must be issued or other-key");
        }

        if (DeviceKey is not null and not ("current" or "retired"))
        {
            throw new ScenarioFormatException($"{where}: deviceKey must be current or retired");
        }

        foreach (var role in Cells ?? [])
        {
            if (!TryParseRole(role, out _))
            {
                throw new ScenarioFormatException($"{where}: unknown cell role '{role}' (e.g. supplier, networkOperator, recovery)");
            }
        }

        if (WanFault is not null and not ("corrupt" or "lose" or "duplicate"))
        {
            throw new ScenarioFormatException($"{where}: wanFault must be corrupt, lose or duplicate");
        }

        foreach (var alert in Expect.Alerts ?? [])
        {
            if (!AlertCodes.TryParse(alert, out _))
            {
                throw new ScenarioFormatException($"{where}: alert '{alert}' is not a code like 0x8F3D");
            }
        }
    }
}

/// <summary>What must be true after a step. Everything left out is not checked.</summary>
public sealed class StepExpectation
{
    /// <summary>
    /// "accepted", "refused" (a response or alert says no), "no-response", "not-sent" (the DCC, as a Relying Party,
    /// would not send it), or for joins "joined" / "not-joined".
    /// </summary>
    public string? Outcome { get; init; }

    /// <summary>Alert codes each addressed device must raise, e.g. ["0x8F69"].</summary>
    public List<string>? Alerts { get; init; }

    /// <summary>The addressed devices' Trust Anchor state must be exactly as before the step.</summary>
    public bool? StateUnchanged { get; init; }

    /// <summary>For install-hub: the pack the DCC must recognise ("original2016", "mp261").</summary>
    public string? Pack { get; init; }
}
