using System.Xml.Linq;
using TrustAnchor.Firmware.Tests.Support;

namespace TrustAnchor.Firmware.Tests.Hardware;

/// <summary>
/// nanoFramework package versions live in nf.props; packages.config (which cannot read MSBuild properties) repeats
/// them, and the .nfproj HintPaths use the properties. These tests keep the three in step and the lists complete.
/// </summary>
public class BoardAppPackagesTests
{
    private static readonly string Root = RepositoryRoot.Find();

    [Fact]
    public void Every_packages_config_entry_has_its_version_in_nf_props_and_every_nf_props_version_is_used()
    {
        var versions = NfPropsVersions();
        var configs = new[]
        {
            Path.Combine(Root, "firmware", "TrustAnchor.Firmware", "packages.config"),
            Path.Combine(Root, "hardware", "TrustAnchor.DeviceApp", "packages.config"),
        };
        var listed = new HashSet<string>();
        foreach (string config in configs)
        {
            foreach (var (id, version) in Packages(config))
            {
                string property = PropertyFor(id);
                versions.Should().ContainKey(property, $"{id} in {Path.GetFileName(Path.GetDirectoryName(config))}/packages.config needs {property} in nf.props");
                version.Should().Be(versions[property], $"{id}: packages.config and nf.props must agree");
                listed.Add(property);
            }
        }

        versions.Keys.Except(listed).Should().BeEmpty("a version in nf.props that no packages.config lists is dead weight");
        Packages(configs[0]).Select(p => p.Id).Should().Equal(new[] { "nanoFramework.CoreLibrary" }, "the firmware library needs mscorlib only");
    }

    [Theory]
    [MemberData(nameof(DeviceAppCompileTests.Builds), MemberType = typeof(DeviceAppCompileTests))]
    public void Each_nfproj_reference_points_into_a_packages_config_package_at_its_version(string build)
    {
        bool wifi = build.EndsWith(DeviceAppCompileTests.WifiSuffix, StringComparison.Ordinal);
        var project = DeviceAppCompileTests.NfProject.Evaluate(build);
        var packages = Packages(Path.Combine(Root, "hardware", "TrustAnchor.DeviceApp", "packages.config"));

        foreach (var (assembly, hintPath) in project.References)
        {
            string normalised = hintPath.Replace('\\', '/');
            packages.Should().ContainSingle(p => normalised.Contains("/" + p.Id + "." + p.Version + "/lib/" + assembly + ".dll"),
                $"{assembly} ({hintPath}) must come from a listed package at its nf.props version");
        }

        // Every package is referenced, except the ESP32 library on STM32 boards and the Wi-Fi ones outside /p:Wifi=true builds.
        var wifiPackages = new[] { "nanoFramework.System.Net", "nanoFramework.System.Device.Wifi" };
        var referencedIds = packages.Where(p => project.References.Values.Any(h => h.Replace('\\', '/').Contains("/" + p.Id + "."))).Select(p => p.Id);
        var expected = packages.Select(p => p.Id)
            .Where(id => build.StartsWith("esp32", StringComparison.Ordinal) || id != "nanoFramework.Hardware.Esp32")
            .Where(id => wifi || !wifiPackages.Contains(id));
        referencedIds.Should().BeEquivalentTo(expected);
    }

    private static string PropertyFor(string id) =>
        "NanoFramework" + (id.StartsWith("nanoFramework.", StringComparison.Ordinal) ? id["nanoFramework.".Length..] : id).Replace(".", "") + "Version";

    private static Dictionary<string, string> NfPropsVersions() =>
        XDocument.Load(Path.Combine(Root, "nf.props")).Descendants()
            .Where(e => e.Name.LocalName.StartsWith("NanoFramework", StringComparison.Ordinal) && e.Name.LocalName.EndsWith("Version", StringComparison.Ordinal))
            .ToDictionary(e => e.Name.LocalName, e => e.Value);

    private static List<(string Id, string Version)> Packages(string config) =>
        XDocument.Load(config).Descendants("package")
            .Select(p => ((string)p.Attribute("id")!, (string)p.Attribute("version")!))
            .ToList();
}
