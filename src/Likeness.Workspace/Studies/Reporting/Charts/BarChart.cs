using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>Horizontal bars per provider with 95 % interval whiskers and the value written at the end.</summary>
internal static class BarChart
{
    public static string Render(IReadOnlyList<SeriesRow> rows, string caption, Func<double, string> tickFormat, double? domainMax = null, double width = 560)
    {
        const double Left = 150, Right = 90, Top = 12, RowHeight = 34, Bottom = 44;
        double height = Top + (rows.Count * RowHeight) + Bottom;
        var svg = new SvgCanvas(width, height, caption);
        IEnumerable<double> extent = rows.SelectMany(r => new[] { r.Value ?? 0, r.Interval?.High ?? 0 }).Concat(domainMax is { } m ? [m] : []);
        var x = LinearScale.Nice(extent, Left, width - Right, fromZero: true);
        double plotBottom = Top + (rows.Count * RowHeight);
        ChartFrame.XAxis(svg, x, Top, plotBottom, caption, tickFormat);
        for (int i = 0; i < rows.Count; i++)
        {
            SeriesRow row = rows[i];
            double y = Top + (i * RowHeight);
            svg.Text(Left - 10, y + 21, row.Label, "end", 12, "#222", bold: true);
            if (row.Value is not { } value)
            {
                svg.Text(Left + 6, y + 21, "not measured", "start", 12, "#999");
                continue;
            }

            svg.Rect(Left, y + 8, x.Map(value) - Left, 18, row.Colour, row.ValueText, 0.85);
            double end = x.Map(value);
            if (row.Interval is { } ci)
            {
                svg.Line(x.Map(ci.Low), y + 17, x.Map(ci.High), y + 17, "#222", 1.5);
                svg.Line(x.Map(ci.Low), y + 12, x.Map(ci.Low), y + 22, "#222", 1.5);
                svg.Line(x.Map(ci.High), y + 12, x.Map(ci.High), y + 22, "#222", 1.5);
                end = Math.Max(end, x.Map(ci.High));
            }

            svg.Text(end + 6, y + 21, row.ValueText ?? string.Empty, "start", 12, "#222");
        }

        return svg.ToString();
    }
}
