using System.ComponentModel;

namespace TrustAnchor.Simulator.Hosting;

/// <summary>How a run shows its progress (<c>--progress</c>, Simulator:Progress).</summary>
[TypeConverter(typeof(OptionChoiceConverter<ProgressStyle>))]
public enum ProgressStyle
{
    /// <summary>A bar on an interactive terminal, lines otherwise; step lines for one premises.</summary>
    [OptionChoice("auto")]
    Auto,

    /// <summary>A redrawn bar (plain lines where nothing can redraw it).</summary>
    [OptionChoice("bar")]
    Bar,

    /// <summary>Plain lines, for logs.</summary>
    [OptionChoice("lines")]
    Lines,

    /// <summary>Nothing until the summary.</summary>
    [OptionChoice("quiet")]
    Quiet,
}
