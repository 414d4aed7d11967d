using Likeness.Core.Videos.Drift;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Reporting.Charts;
using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>Face distance over the clip: one dot per sampled frame (coloured by verdict), the rolling median, the threshold, breaks shaded red and faceless gaps grey.</summary>
internal static class DriftChart
{
    private const string Kept = "#009E73", Drifted = "#D55E00", Other = "#CC79A7", Median = "#0072B2", Gap = "#cfd5da", Break = "#f6d5d2";

    public static string Render(DriftReport report)
    {
        const double Width = 860, Height = 320, Left = 64, Right = 20, Top = 34, Bottom = 48;
        var svg = new SvgCanvas(Width, Height, "Face distance to the character over the clip");
        double end = report.Points.Count == 0 ? 1 : Math.Max(1, report.Points[^1].Frame.Time.TotalSeconds);
        var x = LinearScale.Nice([0, end], Left, Width - Right);
        double[] distances = [.. report.Points.Where(p => p.Frame.Distance is not null).Select(p => p.Frame.Distance!.Value)];
        var y = LinearScale.Nice([0, .. distances, report.Threshold ?? 0, 1.0], Height - Bottom, Top, fromZero: true);
        foreach (DriftSegment s in report.Gaps.Concat(report.Breaks))
        {
            double x0 = x.Map(s.Start.TotalSeconds), x1 = x.Map(Math.Min(s.End.TotalSeconds, x.DomainMax));
            svg.Rect(x0, Top, Math.Max(1, x1 - x0), Height - Bottom - Top, s.Verdict == FrameVerdict.NoFace ? Gap : Break, DriftFiles.Describe(s), 0.8);
        }

        ChartFrame.YAxis(svg, y, Left, Width - Right, "face distance", v => StudyFormat.Number(v));
        ChartFrame.XAxis(svg, x, Top, Height - Bottom, "time in the clip (s)", v => StudyFormat.Number(v));
        if (report.Threshold is { } t)
        {
            svg.Line(Left, y.Map(t), Width - Right, y.Map(t), Palette.Threshold, 1.5, "5 4");
            svg.Text(Width - Right - 4, y.Map(t) - 5, $"τ = {StudyFormat.Score(t)}", "end", 11, Palette.Threshold, bold: true);
        }

        svg.Polyline(report.Points.Where(p => p.RollingMedian is not null).Select(p => (x.Map(p.Frame.Time.TotalSeconds), y.Map(p.RollingMedian!.Value))), Median, 2);
        foreach (DriftPoint p in report.Points.Where(p => p.Frame.Distance is not null))
        {
            string colour = p.Verdict switch { FrameVerdict.Drifted => Drifted, FrameVerdict.OtherCharacter => Other, FrameVerdict.Kept => Kept, _ => Palette.Axis };
            svg.Circle(x.Map(p.Frame.Time.TotalSeconds), y.Map(p.Frame.Distance!.Value), 3.5, colour,
                $"{StudyFormat.Number(p.Frame.Time.TotalSeconds)} s: {StudyFormat.Score(p.Frame.Distance)}{(p.Frame.OtherCharacter is { } o ? $" (closer to {o})" : "")}");
        }

        ChartFrame.Legend(svg, Left + 6, 18, [("kept", Kept), ("drifted", Drifted), ("another cast member", Other), ("rolling median", Median), ("no face", Gap)]);
        return svg.ToString();
    }
}
