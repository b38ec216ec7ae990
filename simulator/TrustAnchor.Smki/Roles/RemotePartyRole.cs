namespace TrustAnchor.Smki;

/// <summary>GBCS Remote Party Role values (the INTEGER carried as two hex digits in the subject OU).</summary>
public static class RemotePartyRole
{
    public const int Root = 0;
    public const int Recovery = 1;
    public const int Supplier = 2;
    public const int NetworkOperator = 3;
    public const int AccessControlBroker = 4;
    public const int TransitionalCoS = 5;
    public const int WanProvider = 6;
    public const int IssuingAuthority = 7;
    public const int LoadController = 8;
    public const int Other = 127;

    private static readonly (int Role, string Name)[] Names =
    [
        (Root, "root"), (Recovery, "recovery"), (Supplier, "supplier"), (NetworkOperator, "networkOperator"),
        (AccessControlBroker, "accessControlBroker"), (TransitionalCoS, "transitionalCoS"), (WanProvider, "wanProvider"),
        (IssuingAuthority, "issuingAuthority"), (LoadController, "loadController"), (Other, "other"),
    ];

    /// <summary>Roles an Organisation Certificate may carry (not root or issuingAuthority, which are CA roles).</summary>
    public static readonly int[] OrganisationRoles =
        [Recovery, Supplier, NetworkOperator, AccessControlBroker, TransitionalCoS, WanProvider, LoadController, Other];

    /// <summary>L11.4A/B (MP261): the roles whose Organisation Certificates may reuse a key with SMKI PMA approval.</summary>
    public static readonly int[] Mp261Roles = [Recovery, TransitionalCoS, WanProvider, AccessControlBroker];

    public static bool IsMp261Role(int role) => Array.IndexOf(Mp261Roles, role) >= 0;

    public static bool IsOrganisationRole(int role) => Array.IndexOf(OrganisationRoles, role) >= 0;

    public static string Name(int role)
    {
        foreach (var (r, n) in Names)
        {
            if (r == role)
            {
                return n;
            }
        }

        return role.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Parses a GBCS role name (case-insensitive) or a decimal number.</summary>
    public static int Parse(string text)
    {
        foreach (var (r, n) in Names)
        {
            if (string.Equals(n, text, StringComparison.OrdinalIgnoreCase))
            {
                return r;
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
