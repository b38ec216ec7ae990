using System.Reflection;
using TrustAnchor.Firmware.Device;

namespace TrustAnchor.Firmware.Tests.Device;

/// <summary>
/// Issue 12's "no handler holds the device", read from the compiled firmware assembly: no type but
/// <see cref="GbcsDevice"/> itself has a field, property or constructor parameter of the device's type, so a
/// handler can only decide with what it is given, never reach back into the device.
/// </summary>
public sealed class HandlerOwnershipTests
{
    [Fact]
    public void No_firmware_type_but_the_device_holds_or_is_built_with_the_device()
    {
        var firmware = typeof(GbcsDevice).Assembly;
        firmware.GetName().Name.Should().Be("TrustAnchor.Firmware");
        var types = firmware.GetTypes();
        types.Should().Contain(t => t.Name == "UpdateSecurityCredentialsHandler", "the scan must see the internal handlers");

        var offenders = DeviceHolders(types.Where(t => t != typeof(GbcsDevice)), typeof(GbcsDevice));

        offenders.Should().BeEmpty("a handler receives the state, the clock and the verifier and returns a decision; only GbcsDevice commits");
    }

    [Fact]
    public void The_scan_names_every_kind_of_holder()
    {
        // The scan itself must be able to fail: types that hold the device each way are named, the others are not.
        var offenders = DeviceHolders(
            [typeof(HoldsByField), typeof(HoldsByProperty), typeof(BuiltWithDevice), typeof(HoldsArray), typeof(Innocent)], typeof(GbcsDevice));

        offenders.Should().BeEquivalentTo(
            $"{typeof(HoldsByField).FullName}: field _device",
            $"{typeof(HoldsByProperty).FullName}: property Device",
            $"{typeof(BuiltWithDevice).FullName}: constructor parameter device",
            $"{typeof(HoldsArray).FullName}: field _devices");
    }

    /// <summary>"Type: field/property/constructor parameter name" for every member of the device's type (or an array of it).</summary>
    private static List<string> DeviceHolders(IEnumerable<Type> types, Type device)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        bool IsDevice(Type t) => t == device || (t.IsArray && t.GetElementType() == device);
        var offenders = new List<string>();
        foreach (var type in types)
        {
            offenders.AddRange(type.GetFields(all).Where(f => IsDevice(f.FieldType) && !f.Name.Contains("k__BackingField"))
                .Select(f => $"{type.FullName}: field {f.Name}"));
            offenders.AddRange(type.GetProperties(all).Where(p => IsDevice(p.PropertyType)).Select(p => $"{type.FullName}: property {p.Name}"));
            offenders.AddRange(type.GetConstructors(all).SelectMany(c => c.GetParameters()).Where(p => IsDevice(p.ParameterType))
                .Select(p => $"{type.FullName}: constructor parameter {p.Name}"));
        }

        return offenders;
    }

    private sealed class HoldsByField
    {
        private GbcsDevice? _device;

        public void Attach(GbcsDevice device) => _device = device;

        public bool Attached => _device is not null;
    }

    private sealed class HoldsByProperty
    {
        public GbcsDevice? Device { get; set; }
    }

    private sealed class BuiltWithDevice
    {
        public BuiltWithDevice(GbcsDevice device) => Name = device.Identity.ToString()!;

        public string Name { get; }
    }

    private sealed class HoldsArray
    {
        private readonly GbcsDevice[] _devices = [];

        public int Count => _devices.Length;
    }

    private sealed class Innocent
    {
        private readonly int _frames = 0;

        public int Frames => _frames;
    }
}
