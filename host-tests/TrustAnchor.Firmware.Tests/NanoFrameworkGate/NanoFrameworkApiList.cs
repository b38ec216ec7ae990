namespace TrustAnchor.Firmware.Tests.NanoFrameworkGate;

/// <summary>
/// The public API of the nanoFramework libraries the firmware may use, read from the documentation-comment
/// ID lists in firmware/nanoFramework/api (copied next to the test assembly under nanoframework/).
/// </summary>
public sealed class NanoFrameworkApiList
{
    private readonly HashSet<string> ids;

    private NanoFrameworkApiList(HashSet<string> ids, IReadOnlyList<string> files)
    {
        this.ids = ids;
        Files = files;
    }

    public IReadOnlyList<string> Files { get; }

    /// <summary>This list plus <paramref name="more"/> IDs (e.g. the public API of an assembly the code may also call).</summary>
    public NanoFrameworkApiList With(IEnumerable<string> more)
    {
        var all = new HashSet<string>(ids, StringComparer.Ordinal);
        all.UnionWith(more);
        return new NanoFrameworkApiList(all, Files.Append("(+ " + all.Count + " IDs)").ToList());
    }

    public int Count => ids.Count;

    public static NanoFrameworkApiList Load()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "nanoframework");
        string[] files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.txt") : Array.Empty<string>();
        if (files.Length == 0)
        {
            throw new InvalidOperationException(
                "No nanoFramework API lists found in " + folder + " (copied from firmware/nanoFramework/api at build time).");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            foreach (string line in File.ReadLines(file))
            {
                string id = line.Trim();
                if (id.Length > 2 && id[1] == ':')
                {
                    ids.Add(id);
                }
            }
        }

        return new NanoFrameworkApiList(ids, files.Select(Path.GetFileName).ToList()!);
    }

    /// <summary>
    /// True when nanoFramework offers the API. A property or event accessor (get_X, set_X, add_X, remove_X)
    /// is offered when the list has the property (P:) or event (E:) itself.
    /// </summary>
    public bool Offers(string docId)
    {
        if (ids.Contains(docId))
        {
            return true;
        }

        if (!docId.StartsWith("M:", StringComparison.Ordinal))
        {
            return false;
        }

        string body = docId[2..];
        int paren = body.IndexOf('(');
        string member = paren < 0 ? body : body[..paren];
        string args = paren < 0 ? string.Empty : body[paren..];
        int dot = member.LastIndexOf('.');
        string type = member[..dot];
        string name = member[(dot + 1)..];

        foreach (var (prefix, kind) in new[] { ("get_", "P:"), ("set_", "P:"), ("add_", "E:"), ("remove_", "E:") })
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string property = type + "." + name[prefix.Length..];
            // Indexers are listed with their parameters (P:...Item(System.Int32)); a setter's last argument is the value.
            if (ids.Contains(kind + property) || (args.Length > 0 && ids.Contains(kind + property + IndexerArgs(args, prefix == "set_"))))
            {
                return true;
            }
        }

        return false;
    }

    private static string IndexerArgs(string args, bool dropLast)
    {
        if (!dropLast)
        {
            return args;
        }

        int comma = args.LastIndexOf(',');
        return comma < 0 ? string.Empty : args[..comma] + ")";
    }
}
