namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// APIs the desktop compile references that the device compile does not: the C# compiler emits these
/// optional attributes only when the referenced core library defines them, and nanoFramework's mscorlib
/// does not, so on the device they are simply left out. Keep this list short; every entry needs a reason.
/// </summary>
public static class GateExemptions
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["T:System.Runtime.CompilerServices.RuntimeCompatibilityAttribute"] =
            "assembly-level attribute the compiler adds when the core library has it (WrapNonExceptionThrows)",
        ["M:System.Runtime.CompilerServices.RuntimeCompatibilityAttribute.#ctor"] =
            "constructor of the same compiler-added assembly attribute",
        ["T:System.Runtime.CompilerServices.CompilationRelaxationsAttribute"] =
            "assembly-level attribute (NoStringInterning) the compiler adds when the core library has it",
        ["M:System.Runtime.CompilerServices.CompilationRelaxationsAttribute.#ctor(System.Int32)"] =
            "constructor of the same compiler-added assembly attribute",
        ["T:System.Runtime.CompilerServices.CompilerGeneratedAttribute"] =
            "marks auto-property backing fields; optional, omitted when mscorlib lacks it",
        ["M:System.Runtime.CompilerServices.CompilerGeneratedAttribute.#ctor"] =
            "constructor of the same optional marker attribute",
        ["T:System.Runtime.CompilerServices.RefSafetyRulesAttribute"] =
            "module attribute the compiler adds whenever the core library has RuntimeFeature.ByRefFields (.NET 7+), even at C# 7.3",
        ["M:System.Runtime.CompilerServices.RefSafetyRulesAttribute.#ctor(System.Int32)"] =
            "constructor of the same compiler-added module attribute",
    };
}
