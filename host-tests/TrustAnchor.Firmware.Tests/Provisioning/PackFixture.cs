using System.Formats.Asn1;
using TrustAnchor.Smki;

namespace TrustAnchor.Firmware.Tests.Provisioning;

/// <summary>One test SMKI (from the SMKI helper's library) and its two manufacturing packs, shared by the pack tests.</summary>
public sealed class PackFixture : IDisposable
{
    public PackFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "ta-packs-" + Guid.NewGuid().ToString("N"));
        Pki = SmkiPki.Init(Folder, new SmkiOptions());
        Original = Pki.CreateManufacturingPack(PackKind.Original2016);
        Mp261 = Pki.CreateManufacturingPack(PackKind.Mp261);
    }

    public string Folder { get; }
    public SmkiPki Pki { get; }
    public byte[] Original { get; }
    public byte[] Mp261 { get; }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Pulls a pack apart into its parts (AsnReader), so tests can rebuild it with one part changed.</summary>
    public static PackParts Split(byte[] pack)
    {
        var outer = new AsnReader(pack, AsnEncodingRules.DER).ReadSequence();
        int version = (int)outer.ReadInteger();
        string name = outer.ReadCharacterString(UniversalTagNumber.UTF8String);
        byte[] root = outer.ReadEncodedValue().ToArray();
        var cells = new List<(byte[] Id, byte[] Certificate)>();
        var cellList = outer.ReadSequence();
        while (cellList.HasData)
        {
            var cell = cellList.ReadSequence();
            cells.Add((cell.ReadEncodedValue().ToArray(), cell.ReadEncodedValue().ToArray()));
        }

        var path = new List<byte[]>();
        var pathList = outer.ReadSequence();
        while (pathList.HasData) path.Add(pathList.ReadEncodedValue().ToArray());
        return new PackParts(version, name, root, cells, path);
    }
}

public sealed record PackParts(int Version, string Name, byte[] Root, List<(byte[] Id, byte[] Certificate)> Cells, List<byte[]> Path)
{
    public byte[] Build()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(Version);
            w.WriteCharacterString(UniversalTagNumber.UTF8String, Name);
            w.WriteEncodedValue(Root);
            using (w.PushSequence())
            {
                foreach (var (id, cert) in Cells)
                {
                    using (w.PushSequence())
                    {
                        w.WriteEncodedValue(id);
                        w.WriteEncodedValue(cert);
                    }
                }
            }

            using (w.PushSequence())
            {
                foreach (var cert in Path) w.WriteEncodedValue(cert);
            }
        }

        return w.Encode();
    }

    public PackParts Copy() => this with { Cells = new(Cells), Path = new(Path) };
}
