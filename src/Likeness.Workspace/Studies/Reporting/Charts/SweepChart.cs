using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>One sweep point: the parameter value, the column's identity pass rate and mean CLIP-T (null where not measured).</summary>
internal sealed record SweepValue(double Value, double? IdentityPass, double? ClipT);

/// <summary>
/// A parameter sweep as two lines over the swept values: identity pass rate on the left axis (0..100 %) and mean
/// CLIP-T (prompt following) on the right, so the identity/prompt trade-off shows at a glance. A value with no
/// measurement is marked as a hollow ring on the axis, so every value keeps its point.
/// </summary>
internal static class SweepChart
{
    private const string PassColour = "#0072B2";
    private const string ClipColour = "#E69F00";

    public static string Render(string group, string parameter, IReadOnlyList<SweepValue> values)
    {
        const double Width = 560, Height = 300, Left = 64, Right = 64, Top = 34, Bottom = 48;
        var svg = new SvgCanvas(Width, Height, $"{group}: identity pass rate and CLIP-T against {parameter}");
        var x = LinearScale.Nice(values.Select(v => v.Value), Left, Width - Right);
        var pass = new LinearScale(0, 1, Height - Bottom, Top);
        var clip = LinearScale.Nice(values.Where(v => v.ClipT is not null).Select(v => v.ClipT!.Value), Height - Bottom, Top);
        ChartFrame.YAxis(svg, pass, Left, Width - Right, "identity pass rate", v => StudyFormat.Percent(v).Replace(".0 ", " ", StringComparison.Ordinal));
        ChartFrame.XAxis(svg, x, Top, Height - Bottom, parameter, v => StudyFormat.Number(v));
        foreach (double tick in clip.Ticks())
        {
            svg.Text(Width - Right + 6, clip.Map(tick) + 4, StudyFormat.Number(tick, 3), "start", 11, ClipColour);
        }

        Series(svg, values, x, pass, parameter, "identity pass", v => v.IdentityPass, PassColour, StudyFormat.Percent);
        Series(svg, values, x, clip, parameter, "CLIP-T", v => v.ClipT, ClipColour, v => StudyFormat.Score(v));
        ChartFrame.Legend(svg, Left + 10, 18, [("identity pass rate (left)", PassColour), ("CLIP-T, prompt following (right)", ClipColour)]);
        return svg.ToString();
    }

    private static void Series(
        SvgCanvas svg, IReadOnlyList<SweepValue> values, LinearScale x, LinearScale y, string parameter, string what, Func<SweepValue, double?> read, string colour, Func<double?, string> format)
    {
        List<SweepValue> ordered = [.. values.OrderBy(v => v.Value)];
        svg.Polyline(ordered.Where(v => read(v) is not null).Select(v => (x.Map(v.Value), y.Map(read(v)!.Value))), colour, 2);
        foreach (SweepValue v in ordered)
        {
            string label = $"{parameter} = {StudyFormat.Number(v.Value, 3)}: {what} ";
            if (read(v) is { } measured)
            {
                svg.Circle(x.Map(v.Value), y.Map(measured), 4.5, colour, label + format(measured));
            }
            else
            {
                svg.Circle(x.Map(v.Value), y.RangeMin, 4.5, colour, label + "not measured", 0.3);
            }
        }
    }
}
