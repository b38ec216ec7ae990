using System.CommandLine;
using TrustAnchor.Simulator.Decoding;
using TrustAnchor.Simulator.Keystore;

namespace TrustAnchor.Simulator.Cli;

/// <summary>
/// <c>decode &lt;hex | FILE | -&gt; [--keystore FILE] [--json]</c>: prints GBCS frames field by field with signature
/// and MAC verdicts. Exit 0 every frame decoded (and none fails its protection), 1 a signature or MAC is invalid,
/// 2 bad input (one line on stderr naming the byte offset, and the line of a trace).
/// </summary>
public static class DecodeCommand
{
    public const int ExitOk = 0;
    public const int ExitInvalid = 1;
    public const int ExitUsage = 2;

    /// <summary>Where <c>-</c> reads from (the console; tests swap it).</summary>
    public static Func<TextReader> Stdin { get; set; } = () => Console.In;

    public static Command Create()
    {
        var input = new Argument<string>("frame")
        {
            Description = "The frame as hex, a file (hex, raw binary, or a trace from 'run --trace'), or - for stdin.",
        };
        var keystore = new Option<string?>("--keystore", "-k") { Description = "Keys in the DCC tools' layout ('keystore' writes one) to check signatures and MACs." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of the analyser's text." };
        var command = new Command("decode", "Decode GBCS frames field by field (header, Other Information, payload, signature and MAC verdicts).")
        {
            input, keystore, json,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            List<DecodedFrame> frames;
            try
            {
                var keys = parse.GetValue(keystore) is { } path ? DccKeystore.Load(path) : DccKeystore.Empty;
                var decoder = new FrameDecoder(keys);
                var inputs = FrameSource.Read(parse.GetValue(input)!, Stdin());
                frames = [];
                foreach (var item in inputs)
                {
                    try
                    {
                        frames.Add(decoder.Decode(item.Frame, frames.Count + 1, item.Trace));
                    }
                    catch (DecodeInputException ex) when (item.Trace is not null)
                    {
                        throw new DecodeInputException($"{item.Where}: {ex.Message}");
                    }
                }
            }
            catch (Exception ex) when (ex is DecodeInputException or KeystoreException)
            {
                stderr.WriteLine("error: " + ex.Message);
                return ExitUsage;
            }

            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                DecodeWriter.WriteJson(frames, buffer);
                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                DecodeWriter.WriteText(frames, stdout);
            }

            var invalid = frames.Any(f => f.Signature?.Result == FrameVerdict.Invalid || f.Mac?.Result == FrameVerdict.Invalid);
            return invalid ? ExitInvalid : ExitOk;
        });
        return command;
    }
}
