namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>Checks a compiled assembly against the nanoFramework API lists.</summary>
public static class NanoFrameworkGate
{
    /// <summary>Every external API the assembly uses that nanoFramework does not offer, sorted, once each.</summary>
    public static IReadOnlyList<string> Offenders(byte[] peImage, NanoFrameworkApiList allowed) =>
        ExternalApiReader.Read(peImage)
            .Select(api => api.DocId)
            .Where(id => !allowed.Offers(id) && !GateExemptions.Reasons.ContainsKey(id))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// References that need reflection (System.Type, Object.GetType, System.Reflection members): nanoFramework
    /// ships mscorlib with and without System.Reflection, and the firmware must run on both. Assembly-level
    /// attributes in System.Reflection (AssemblyTitle, …) are plain metadata and allowed.
    /// </summary>
    public static IReadOnlyList<string> ReflectionUses(byte[] peImage) =>
        ExternalApiReader.Read(peImage)
            .Select(api => api.DocId)
            .Where(NeedsReflection)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

    private static bool NeedsReflection(string id)
    {
        string body = id[2..];
        if (body.StartsWith("System.Reflection.", StringComparison.Ordinal))
        {
            int paren = body.IndexOf('(');
            string member = paren < 0 ? body : body[..paren];
            string type = id[0] == 'T' ? member : member[..member.LastIndexOf('.')];
            return !type.EndsWith("Attribute", StringComparison.Ordinal);
        }

        return id == "M:System.Object.GetType" || body.StartsWith("System.Type.", StringComparison.Ordinal) || id == "T:System.Type";
    }
}
