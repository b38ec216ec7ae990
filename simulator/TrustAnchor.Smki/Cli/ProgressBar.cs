using System.Diagnostics;
using System.Globalization;

namespace TrustAnchor.Smki.Cli;

/// <summary>
/// Progress of a long batch on stderr. On a terminal one redrawn bar: <c>[#####-----] 12,000/50,000  3,100/s</c>;
/// anywhere else (a pipe, a file, a CI log) a plain line at each tenth of the way, never a <c>\r</c>.
/// </summary>
internal sealed class ProgressBar : IProgress<int>
{
    private const int Width = 30;
    private readonly TextWriter writer;
    private readonly int total;
    private readonly bool redraw;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly object gate = new();
    private int last = -1;
    private int lastTenth;

    public ProgressBar(TextWriter writer, int total, bool redraw)
    {
        this.writer = writer;
        this.total = total;
        this.redraw = redraw;
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
            var rate = value / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
            if (redraw)
            {
                var filled = total == 0 ? Width : (int)((long)value * Width / total);
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('-', Width - filled)}] {value:N0}/{total:N0}  {rate:N0}/s "));
                if (value >= total)
                {
                    writer.WriteLine();
                }
            }
            else
            {
                var tenth = total == 0 ? 10 : (int)(10L * value / total);
                if (tenth <= lastTenth)
                {
                    return;
                }

                lastTenth = tenth;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {value:N0}/{total:N0} ({tenth * 10}%)  {rate:N0}/s"));
            }

            writer.Flush();
        }
    }
}
