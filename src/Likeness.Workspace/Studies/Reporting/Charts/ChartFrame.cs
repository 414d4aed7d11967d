using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>Grid lines, tick labels and axis captions shared by the charts.</summary>
internal static class ChartFrame
{
    public static void XAxis(SvgCanvas svg, LinearScale x, double top, double bottom, string caption, Func<double, string> format)
    {
        IReadOnlyList<double> ticks = x.Ticks();

        // Label every k-th tick so labels stay at least 44 px apart on narrow charts.
        double spacing = ticks.Count > 1 ? Math.Abs(x.Map(ticks[1]) - x.Map(ticks[0])) : double.MaxValue;
        int every = Math.Max(1, (int)Math.Ceiling(44 / spacing));
        for (int i = 0; i < ticks.Count; i++)
        {
            double px = x.Map(ticks[i]);
            svg.Line(px, top, px, bottom, Palette.Grid);
            if (i % every == 0)
            {
                svg.Text(px, bottom + 14, format(ticks[i]), "middle", 11, "#666");
            }
        }

        svg.Line(x.RangeMin, bottom, x.RangeMax, bottom, Palette.Axis);
        svg.Text((x.RangeMin + x.RangeMax) / 2, bottom + 32, caption, "middle", 12, "#333");
    }

    public static void YAxis(SvgCanvas svg, LinearScale y, double left, double right, string caption, Func<double, string> format)
    {
        foreach (double tick in y.Ticks())
        {
            double py = y.Map(tick);
            svg.Line(left, py, right, py, Palette.Grid);
            svg.Text(left - 6, py + 4, format(tick), "end", 11, "#666");
        }

        svg.Line(left, y.RangeMin, left, y.RangeMax, Palette.Axis);
        // Upright, left of the tick labels ("100 %" is about 34 px wide), so the two never overlap.
        svg.VerticalText(left - 48, (y.RangeMin + y.RangeMax) / 2, caption, 12, "#333");
    }

    public static void ThresholdMarker(SvgCanvas svg, double px, double top, double bottom, string label)
    {
        svg.Line(px, top - 4, px, bottom, Palette.Threshold, 1.5, "5 4");
        svg.Text(px + 4, top + 6, label, "start", 11, Palette.Threshold, bold: true);
    }

    public static void Legend(SvgCanvas svg, double x, double y, IReadOnlyList<(string Label, string Colour)> items)
    {
        foreach ((string label, string colour) in items)
        {
            svg.Rect(x, y - 9, 12, 12, colour);
            svg.Text(x + 17, y + 1, label, "start", 12, "#333");
            x += 30 + (label.Length * 7);
        }
    }
}
