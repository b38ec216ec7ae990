using TrustAnchor.Smki;

namespace TrustAnchor.Smki.Tests;

/// <summary>A PKI in a fresh temporary folder, deleted afterwards.</summary>
public sealed class TempPki : IDisposable
{
    public TempPki(SmkiOptions? options = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "smki-test-" + Guid.NewGuid().ToString("N"));
        Pki = SmkiPki.Init(Folder, options);
    }

    public string Folder { get; }

    public SmkiPki Pki { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
