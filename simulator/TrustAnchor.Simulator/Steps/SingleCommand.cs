using TrustAnchor.Simulator.Devices;

namespace TrustAnchor.Simulator.Steps;

/// <summary>One command to send on its own (several may go to the same device, so they are not sent together).</summary>
public sealed record SingleCommand(VirtualDevice Device, string Label, Func<ulong, byte[]> Build);
