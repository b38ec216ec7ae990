using System.CommandLine;
using TrustAnchor.Simulator.Keystore;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// <c>keystore --run-folder D --out FILE</c>: the run's Organisation and Device Certificates and every private key it
/// holds, in the DCC tools' JSON layout (<see cref="KeystoreExport"/>). Exit 0 written, 2 bad folder or file.
/// </summary>
public static class KeystoreCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var runFolder = new Option<string>("--run-folder") { Description = "A run folder kept by 'run … --run-folder D'.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Write the keystore JSON here.", Required = true };
        var command = new Command("keystore", "Write the run's certificates and private keys (SMKI parties and virtual devices) as a DCC-tools keystore JSON.")
        {
            runFolder, output,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(runFolder)!;
            var path = parse.GetValue(output)!;
            var temporary = path + ".tmp-" + Environment.ProcessId;
            try
            {
                KeystoreExport.Summary summary;
                using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    summary = KeystoreExport.Write(Path.GetFullPath(folder), stream);
                }

                File.Move(temporary, path, overwrite: true);
                stdout.WriteLine($"keystore: {summary.Certificates} certificates ({summary.PrivateKeys} with private keys) for {summary.Entities} EUI-64s written to {path}");
                return ExitOk;
            }
            catch (Exception ex) when (ex is KeystoreException or IOException or UnauthorizedAccessException)
            {
                TryDelete(temporary);
                stderr.WriteLine("error: " + ex.Message);
                return ExitUsage;
            }
        });
        return command;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
