using Xunit.Abstractions;

namespace TrustAnchor.Firmware.Tests.Support;

/// <summary>
/// Test output that also lands in <c>TestResults/evidence.txt</c> at the repository root, so the figures a
/// test proves (crash points exercised, fuzz inputs, differential counts) show in the CI log, which prints
/// that file; xunit's own output is only visible in detailed logs.
/// </summary>
public sealed class EvidenceOutput : ITestOutputHelper
{
    private static readonly object FileLock = new();
    private readonly ITestOutputHelper inner;
    private readonly string topic;

    public EvidenceOutput(ITestOutputHelper inner, string topic)
    {
        this.inner = inner;
        this.topic = topic;
    }

    public void WriteLine(string message)
    {
        inner.WriteLine(message);
        Append(message);
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(format, args));

    private void Append(string message)
    {
        string? root = RepositoryRoot.TryFind();
        if (root is null)
        {
            return;
        }

        string folder = Path.Combine(root, "TestResults");
        lock (FileLock)
        {
            Directory.CreateDirectory(folder);
            File.AppendAllText(Path.Combine(folder, "evidence.txt"), topic + ": " + message.ReplaceLineEndings(" ") + Environment.NewLine);
        }
    }
}
