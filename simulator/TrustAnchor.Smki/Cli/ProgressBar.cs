using System.Diagnostics;

namespace TrustAnchor.Smki.Cli;

/// <summary>A one-line progress bar on stderr for long batches: <c>[#####-----] 12,000/50,000  3,100/s</c>.</summary>
internal sealed class ProgressBar : IProgress<int>
{
    private const int Width = 30;
    private readonly TextWriter writer;
    private readonly int total;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly object gate = new();
    private int last = -1;

    public ProgressBar(TextWriter writer, int total)
    {
        this.writer = writer;
        this.total = total;
    }

    public void Report(int value)
    {
        lock (gate)
        {
            if (value <= last)
            {
                return;
            }

            last = value;
            var filled = total == 0 ? Width : (int)((long)value * Width / total);
            var rate = value / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
            writer.Write($"\r[{new string('#', filled)}{new string('-', Width - filled)}] {value:N0}/{total:N0}  {rate:N0}/s ");
            if (value >= total)
            {
                writer.WriteLine();
            }

            writer.Flush();
        }
    }
}
