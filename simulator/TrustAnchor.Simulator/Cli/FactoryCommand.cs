using System.CommandLine;
using TrustAnchor.Firmware.Provisioning;
using TrustAnchor.Smki;
using TrustAnchor.Simulator.DeviceProcess;
using TrustAnchor.Simulator.Link;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// <c>factory --pki D --type T --out FILE [--eui64 HEX] [--pack mp261|original]</c>: the factory file a board
/// (or <c>device --factory</c>) loads — the SMKI's manufacturing pack and the device's identity
/// (firmware/docs/factory-file.md). The SMKI must exist (<c>smki --pki D init</c>), as for the <c>smki</c> verbs.
/// Exit 0 written, 2 usage error (one <c>error:</c> line).
/// </summary>
public static class FactoryCommand
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    public static Command Create()
    {
        var pki = new Option<string>("--pki") { Description = "SMKI folder (made by 'smki init'); default ./smki, as for the smki verbs.", DefaultValueFactory = _ => "smki" };
        var type = new Option<string>("--type") { Description = "Device type: esme, gsme, chf or ppmid.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Write the factory file (DER) here.", Required = true };
        var eui = new Option<string?>("--eui64") { Description = "The device's EUI-64 (16 hex digits). Default: a random locally administered one." };
        var pack = new Option<string>("--pack") { Description = "Manufacturing pack: mp261 (DCC-MP261-2024) or original (DCC-2016).", DefaultValueFactory = _ => "mp261" };
        var command = new Command("factory", "Write the factory file a device loads: the SMKI's manufacturing pack and the device's identity (EUI-64, device type).")
        {
            pki, type, output, eui, pack,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            try
            {
                if (!DeviceTypes.TryParse(parse.GetValue(type), out var deviceType))
                {
                    return Usage(stderr, $"--type '{parse.GetValue(type)}' is not one of {string.Join(", ", DeviceTypes.Names)}");
                }

                byte[] id;
                if (parse.GetValue(eui) is { } hex)
                {
                    try
                    {
                        id = Convert.FromHexString(hex.Replace("-", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal));
                    }
                    catch (FormatException)
                    {
                        return Usage(stderr, $"--eui64 '{hex}' is not hex");
                    }

                    if (id.Length != 8)
                    {
                        return Usage(stderr, $"--eui64 '{hex}' is {id.Length} bytes; an EUI-64 is 8");
                    }
                }
                else
                {
                    id = FactoryFileWriter.NewEui64();
                }

                var kind = PackKinds.Parse(parse.GetValue(pack)!);
                var smki = SmkiPki.Open(parse.GetValue(pki)!);
                var file = FactoryFileWriter.Encode(deviceType, id, smki.CreateManufacturingPack(kind));
                FactoryFile.Parse(file); // the device's own reader must take what we wrote
                var path = parse.GetValue(output)!;
                var temporary = path + ".tmp-" + Environment.ProcessId;
                File.WriteAllBytes(temporary, file);
                File.Move(temporary, path, overwrite: true);
                stdout.WriteLine($"factory file for {DeviceTypes.Name(deviceType)} {Convert.ToHexString(id)} (pack {kind.PackName()} from {smki.Folder}, {file.Length} bytes) written to {path}");
                return ExitOk;
            }
            catch (SmkiException e)
            {
                return Usage(stderr, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PackException)
            {
                return Usage(stderr, e.Message);
            }
        });
        return command;
    }

    private static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine("error: " + message);
        return ExitUsage;
    }
}
