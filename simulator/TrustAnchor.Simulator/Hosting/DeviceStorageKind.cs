using System.ComponentModel;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>Where each virtual device keeps its flash store (Simulator:DeviceStorage).</summary>
[TypeConverter(typeof(OptionChoiceConverter<DeviceStorageKind>))]
public enum DeviceStorageKind
{
    /// <summary>A file per device under the run folder, as a board's flash part would persist.</summary>
    [OptionChoice("file")]
    File,

    /// <summary>In memory: nothing on disk, for huge fleets.</summary>
    [OptionChoice("memory")]
    Memory,
}
