using System.CommandLine;
using TrustAnchor.Smki.Cli;

namespace TrustAnchor.Simulator.Cli;

/// <summary>Commands other parts of TrustAnchor contribute: the SMKI's own CLI, mounted as <c>smki</c>.</summary>
public static class ExtraCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return SmkiCommand.Create();
        yield return KeystoreCommand.Create();
        yield return DecodeCommand.Create();
        yield return ConformCommand.Create();
        yield return FactoryCommand.Create();
        yield return DeviceCommand.Create();
    }
}
