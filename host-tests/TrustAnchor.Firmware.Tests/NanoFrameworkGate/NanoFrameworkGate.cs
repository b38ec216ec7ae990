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
}
