namespace TrustAnchor.Simulator.DeviceProcess;

/// <summary>The reference device cannot start as asked (bad factory file, a run folder of another device, …). One line.</summary>
public sealed class DeviceSetupException(string message, Exception? inner = null) : Exception(message, inner);
