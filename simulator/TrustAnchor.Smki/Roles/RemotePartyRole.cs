using FirmwareRole = TrustAnchor.Firmware.TrustAnchors.RemotePartyRole;
using FirmwareRoles = TrustAnchor.Firmware.TrustAnchors.RemotePartyRoles;

namespace TrustAnchor.Smki;

/// <summary>
/// GBCS Remote Party Role values (the INTEGER carried as two hex digits in the subject OU). The values and names
/// are the firmware's (<see cref="FirmwareRole"/>); this adds what the SMKI needs on top: role sets, parsing, the OU text.
/// </summary>
public static class RemotePartyRole
{
    public const int Root = (int)FirmwareRole.Root;
    public const int Recovery = (int)FirmwareRole.Recovery;
    public const int Supplier = (int)FirmwareRole.Supplier;
    public const int NetworkOperator = (int)FirmwareRole.NetworkOperator;
    public const int AccessControlBroker = (int)FirmwareRole.AccessControlBroker;
    public const int TransitionalCoS = (int)FirmwareRole.TransitionalCoS;
    public const int WanProvider = (int)FirmwareRole.WanProvider;
    public const int IssuingAuthority = (int)FirmwareRole.IssuingAuthority;
    public const int LoadController = (int)FirmwareRole.LoadController;
    public const int Other = (int)FirmwareRole.Other;

    /// <summary>Roles an Organisation Certificate may carry (not root or issuingAuthority, which are CA roles).</summary>
    public static readonly int[] OrganisationRoles =
        [Recovery, Supplier, NetworkOperator, AccessControlBroker, TransitionalCoS, WanProvider, LoadController, Other];

    /// <summary>L11.4A/B (MP261): the roles whose Organisation Certificates may reuse a key with SMKI PMA approval.</summary>
    public static readonly int[] Mp261Roles = [Recovery, TransitionalCoS, WanProvider, AccessControlBroker];

    public static bool IsMp261Role(int role) => Array.IndexOf(Mp261Roles, role) >= 0;

    public static bool IsOrganisationRole(int role) => Array.IndexOf(OrganisationRoles, role) >= 0;

    /// <summary>The GBCS name of a defined role; any other value as its decimal number.</summary>
    public static string Name(int role) =>
        FirmwareRoles.IsDefined(role) ? FirmwareRoles.Name((FirmwareRole)role) : role.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses a GBCS role name (case-insensitive) or a decimal number.</summary>
    public static int Parse(string text)
    {
        for (int role = Root; role <= Other; role++)
        {
            if (FirmwareRoles.IsDefined(role) && string.Equals(FirmwareRoles.Name((FirmwareRole)role), text, StringComparison.OrdinalIgnoreCase))
            {
                return role;
            }
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 127)
        {
            return value;
        }

        throw new SmkiException(SmkiErrorCode.InvalidArgument, $"'{text}' is not a Remote Party Role name or number 0..127");
    }

    /// <summary>The subject OU text: the role as two upper-case hex digits, e.g. "02" for supplier.</summary>
    public static string ToOrganisationalUnit(int role) => role.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
}
