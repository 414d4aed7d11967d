using Likeness.Core.Studies.Calibration;
using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>False-accept and false-reject rates against the threshold, as step curves, with the chosen threshold marked.</summary>
internal static class CalibrationChart
{
    public static string Render(ThresholdCalibration calibration)
    {
        const double Width = 540, Height = 300, Left = 64, Right = 20, Top = 30, Bottom = 48;
        var svg = new SvgCanvas(Width, Height, "False-accept and false-reject rate against the threshold");
        IReadOnlyList<ErrorRatePoint> curve = calibration.Curve;
        double threshold = calibration.Threshold ?? throw new ArgumentException("Only a calibrated threshold has curves.", nameof(calibration));
        var x = LinearScale.Nice(curve.Select(p => p.Threshold).Append(threshold), Left, Width - Right);
        var y = new LinearScale(0, 1, Height - Bottom, Top);
        ChartFrame.YAxis(svg, y, Left, Width - Right, "rate", v => StudyFormat.Percent(v).Replace(".0 ", " ", StringComparison.Ordinal));
        ChartFrame.XAxis(svg, x, Top, Height - Bottom, "threshold on face distance (pass when distance ≤ threshold)", v => StudyFormat.Number(v));
        svg.Polyline(Steps(curve, x, y, p => p.FalseAcceptRate, x.DomainMin, 0, x.DomainMax, 1), Palette.Impostor, 2.5);
        svg.Polyline(Steps(curve, x, y, p => p.FalseRejectRate, x.DomainMin, 1, x.DomainMax, 0), Palette.Genuine, 2.5);
        ChartFrame.ThresholdMarker(svg, x.Map(threshold), Top, Height - Bottom, $"τ = {StudyFormat.Score(threshold)}");
        ChartFrame.Legend(svg, Left + 10, 16, [("FAR (impostor accepted)", Palette.Impostor), ("FRR (genuine rejected)", Palette.Genuine)]);
        return svg.ToString();
    }

    // Empirical rates are right-continuous steps: flat between observed distances, jumping at each one.
    private static List<(double X, double Y)> Steps(IReadOnlyList<ErrorRatePoint> curve, LinearScale x, LinearScale y, Func<ErrorRatePoint, double> rate, double startX, double startY, double endX, double endY)
    {
        var points = new List<(double X, double Y)> { (x.Map(startX), y.Map(startY)) };
        double previous = startY;
        foreach (ErrorRatePoint p in curve)
        {
            points.Add((x.Map(p.Threshold), y.Map(previous)));
            points.Add((x.Map(p.Threshold), y.Map(rate(p))));
            previous = rate(p);
        }

        points.Add((x.Map(endX), y.Map(curve.Count == 0 ? endY : previous)));
        return points;
    }
}
