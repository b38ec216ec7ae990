namespace TrustAnchor.Simulator.Keystore;

/// <summary>A run folder or keystore file that cannot be read as one: the message says which file and why.</summary>
public sealed class KeystoreException(string message) : Exception(message);
