using System.Globalization;
using System.Text;
using System.Xml;

namespace TrustAnchor.Simulator.Scenarios;

public static class ScenarioNames
{
    public static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration))
        {
            return true;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
    }
}

/// <summary>The Known Remote Parties the simulated DCC holds keys for.</summary>
public static class PartyNames
{
    /// <summary>The manufacturing pack's default Supplier and Network Operator (their keys are the DCC's).</summary>
    public const string PackSupplier = "packSupplier";
    public const string PackNetworkOperator = "packNetworkOperator";
    public const string Supplier = "supplier";
    public const string Supplier2 = "supplier2";
    public const string NetworkOperator = "networkOperator";
    public const string TransitionalCoS = "transitionalCoS";
    public const string Recovery = "recovery";
    public const string WanProvider = "wanProvider";
    public const string Acb = "acb";

    /// <summary>As the party of revoke-certificate: the Issuing OCA itself (it goes on the Root OCA's ARL).</summary>
    public const string IssuingOca = "issuingOca";

    /// <summary>As a newParty: for each role, a freshly keyed successor (what Recovery installs).</summary>
    public const string Successors = "successors";

    public static readonly string[] All = [PackSupplier, PackNetworkOperator, Supplier, Supplier2, NetworkOperator, TransitionalCoS, Recovery, WanProvider, Acb];

    public static bool IsKnown(string name) => Array.IndexOf(All, name) >= 0;

    /// <summary>How a party is named in progress lines: "the pack's Supplier", "second Supplier", "new Recovery".</summary>
    public static string Display(string name)
    {
        if (name.StartsWith("successor-", StringComparison.Ordinal))
        {
            return "new " + Display(name["successor-".Length..]);
        }

        var slash = name.IndexOf('/');
        if (slash > 0)
        {
            return Display(name[..slash]) + " (" + name[(slash + 1)..] + " certificate)";
        }

        return name switch
        {
            PackSupplier => "pack Supplier",
            PackNetworkOperator => "pack Network Operator",
            Supplier => "Supplier",
            Supplier2 => "second Supplier",
            NetworkOperator or "networkoperator" => "Network Operator",
            TransitionalCoS or "transitionalcos" => "Transitional CoS",
            Recovery => "Recovery",
            WanProvider or "wanprovider" => "WAN Provider",
            Acb or "accessControlBroker" => "ACB",
            Successors => "new parties",
            _ => name,
        };
    }
}

/// <summary>GBCS CredentialsReplacementMode (NOTES §6).</summary>
public static class CredentialsModes
{
    public static readonly (string Name, int Value)[] All =
    [
        ("rootBySupplier", 0), ("rootByWanProvider", 1), ("supplierBySupplier", 2),
        ("networkOperatorByNetworkOperator", 3), ("accessControlBrokerByACB", 4), ("wanProviderByWanProvider", 5),
        ("transCoSByTransCoS", 6), ("supplierByTransCoS", 7), ("anyExceptAbnormalRootByRecovery", 8), ("anyByContingency", 9),
    ];

    public static bool TryParse(string text, out int mode)
    {
        foreach (var (name, value) in All)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                mode = value;
                return true;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out mode) && mode is >= 0 and <= 9;
    }

    public static string Name(int mode) => mode is >= 0 and <= 9 ? All[mode].Name : mode.ToString(CultureInfo.InvariantCulture);

    public static string Name(TrustAnchor.Firmware.Gbcs.CredentialsReplacementMode mode) => Name((int)mode);
}

/// <summary>GBCS alert codes the scenarios talk about.</summary>
public static class AlertCodes
{
    public const int SourceLacksAuthority = 0x8F30;
    public const int TrustedSourceAuthenticationFailure = 0x8F3D;
    public const int OtherAuthenticationFailure = 0x8F53;
    public const int UnusualCommands = 0x8F60;
    public const int CredentialsUpdateSucceeded = 0x8F66;
    public const int CredentialsUpdateFailed = 0x8F67;
    public const int DeviceCommissioned = 0x8F69;

    public static bool TryParse(string text, out int code)
    {
        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return int.TryParse(t.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out code);
        }

        return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out code);
    }

    public static string Format(int code) => "0x" + code.ToString("X4", CultureInfo.InvariantCulture);

    public static string Describe(int code) => code switch
    {
        SourceLacksAuthority => "source lacks authority",
        TrustedSourceAuthenticationFailure => "trusted-source authentication failure",
        OtherAuthenticationFailure => "authentication/authorisation failure",
        UnusualCommands => "unusual malformed/out-of-order commands",
        CredentialsUpdateSucceeded => "credentials update succeeded",
        CredentialsUpdateFailed => "credentials update failed",
        DeviceCommissioned => "device commissioned",
        _ => "alert",
    };
}
