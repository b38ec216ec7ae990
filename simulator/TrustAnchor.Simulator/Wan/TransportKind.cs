using System.ComponentModel;
using TrustAnchor.Simulator.Hosting;

namespace TrustAnchor.Simulator.Wan;

/// <summary>The WAN between the DCC and the Comms Hubs (<c>--transport</c>, Simulator:Transport).</summary>
[TypeConverter(typeof(OptionChoiceConverter<TransportKind>))]
public enum TransportKind
{
    /// <summary>In-process channels: fastest, for fleets.</summary>
    [OptionChoice("memory", "mem", "in-memory")]
    Memory,

    /// <summary>A real loopback socket per hub, frames length-prefixed.</summary>
    [OptionChoice("tcp", "loopback")]
    Tcp,
}
