namespace TrustAnchor.Benchmarks;

/// <summary>
/// One benchmark: measures ours and the anchors in the same process and run, and prints exactly one
/// result line (<c>name: key=value ...</c>) to <paramref name="output"/>. Progress goes to stderr.
/// </summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line and as the result line's prefix.</summary>
    string Name { get; }

    void Run(TextWriter output);
}
