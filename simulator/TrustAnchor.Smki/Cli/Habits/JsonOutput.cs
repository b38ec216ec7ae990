using System.Text.Encodings.Web;
using System.Text.Json;

namespace TrustAnchor.Cli;

/// <summary>
/// Settings for every JSON file the tools write: readable as written, so <c>&amp;</c>, <c>+</c>, <c>&lt;</c> and
/// non-ASCII text stay literal. The default encoder escapes them for embedding in HTML, which these files never are.
/// </summary>
public static class JsonOutput
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonWriterOptions WriterOptions(bool indented = true) => new() { Indented = indented, Encoder = Encoder };
}
