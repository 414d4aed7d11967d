using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>
/// One strip per provider: every shot as a dot, the mean as a bar with its 95 % interval, and the identity threshold
/// as a dashed line, so the reader sees the spread, not only the average.
/// </summary>
internal static class DistributionChart
{
    public static string Render(IReadOnlyList<SeriesRow> rows, double? threshold, string caption)
    {
        const double Left = 150, Right = 30, Top = 24, RowHeight = 46, Bottom = 44;
        double width = 760, height = Top + (rows.Count * RowHeight) + Bottom;
        var svg = new SvgCanvas(width, height, caption);
        IEnumerable<double> extent = rows.SelectMany(r => r.Values).Concat(threshold is { } t ? [t] : []);
        var x = LinearScale.Nice(extent, Left, width - Right, fromZero: true);
        double plotBottom = Top + (rows.Count * RowHeight);
        ChartFrame.XAxis(svg, x, Top, plotBottom, caption, v => StudyFormat.Number(v));
        for (int i = 0; i < rows.Count; i++)
        {
            SeriesRow row = rows[i];
            double mid = Top + (i * RowHeight) + (RowHeight / 2);
            svg.Text(Left - 10, mid + 4, row.Label, "end", 12, "#222", bold: true);
            for (int k = 0; k < row.Values.Count; k++)
            {
                // Deterministic jitter so overlapping dots stay visible.
                double jitter = ((k * 7919 % 17) - 8) * 1.3;
                svg.Circle(x.Map(row.Values[k]), mid + jitter, 3.5, row.Colour, StudyFormat.Score(row.Values[k]), 0.55);
            }

            if (row.Interval is { } ci)
            {
                svg.Line(x.Map(ci.Low), mid + 16, x.Map(ci.High), mid + 16, "#222", 2);
                svg.Line(x.Map(ci.Low), mid + 12, x.Map(ci.Low), mid + 20, "#222", 2);
                svg.Line(x.Map(ci.High), mid + 12, x.Map(ci.High), mid + 20, "#222", 2);
            }

            if (row.Value is { } mean)
            {
                svg.Rect(x.Map(mean) - 1.5, mid - 14, 3, 34, "#222", $"mean {StudyFormat.Score(mean)}");
            }
        }

        if (threshold is { } th)
        {
            ChartFrame.ThresholdMarker(svg, x.Map(th), Top, plotBottom, $"threshold {StudyFormat.Score(th)}");
        }

        return svg.ToString();
    }
}
