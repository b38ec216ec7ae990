using System.Reflection;

[assembly: AssemblyTitle("TrustAnchor.Firmware")]
[assembly: AssemblyDescription("GB smart-meter Trust Anchor Cells, Organisation Certificate checking and GBCS security credentials for .NET nanoFramework")]
[assembly: AssemblyProduct("TrustAnchor")]
[assembly: AssemblyVersion("0.1.0.0")]

// The desktop build's host tests check internal arithmetic (field, scalar) directly; the SDK item in the
// desktop csproj is not emitted because that project turns GenerateAssemblyInfo off.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("TrustAnchor.Firmware.Tests")]
