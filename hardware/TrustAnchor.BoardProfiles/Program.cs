using TrustAnchor.BoardProfiles;

// dotnet run --project hardware/TrustAnchor.BoardProfiles [-- BOARDS_FOLDER OUTPUT_FILE]
string hardware = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
string boards = args.Length > 0 ? args[0] : Path.Combine(hardware, "boards");
string output = args.Length > 1 ? args[1] : Path.Combine(hardware, "TrustAnchor.DeviceApp", "BoardProfile.g.cs");
if (args.Length > 2 || !Directory.Exists(boards))
{
    Console.Error.WriteLine("usage: TrustAnchor.BoardProfiles [BOARDS_FOLDER [OUTPUT_FILE]] (no folder " + boards + ")");
    return 2;
}

try
{
    var profiles = BoardProfileGenerator.ReadFolder(boards);
    File.WriteAllText(output, BoardProfileGenerator.Generate(profiles));
    Console.WriteLine($"board profiles: {profiles.Count} ({string.Join(", ", profiles.Select(p => p.Name))}) -> {output}");
    return 0;
}
catch (BoardProfileException e)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 2;
}
