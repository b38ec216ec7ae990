using System.Reflection;

[assembly: AssemblyTitle("TrustAnchor.Firmware")]
[assembly: AssemblyDescription("GB smart-meter Trust Anchor Cells, Organisation Certificate checking and GBCS security credentials for .NET nanoFramework")]
[assembly: AssemblyProduct("TrustAnchor")]
[assembly: AssemblyVersion("0.1.0.0")]
