using Likeness.Workspace.Studies.Reporting.Svg;

namespace Likeness.Workspace.Studies.Reporting.Charts;

/// <summary>Genuine and impostor distance histograms on one axis (each as a share of its own count) with the threshold.</summary>
internal static class HistogramChart
{
    public static string Render(IReadOnlyList<double> genuine, IReadOnlyList<double> impostor, double threshold, int bins = 24)
    {
        const double Width = 560, Height = 300, Left = 64, Right = 20, Top = 30, Bottom = 48;
        var svg = new SvgCanvas(Width, Height, "Genuine and impostor face distances");
        var x = LinearScale.Nice(genuine.Concat(impostor).Append(threshold), Left, Width - Right, fromZero: true);
        double binWidth = (x.DomainMax - x.DomainMin) / bins;
        double[] g = Shares(genuine, x.DomainMin, binWidth, bins);
        double[] i = Shares(impostor, x.DomainMin, binWidth, bins);
        var y = LinearScale.Nice(g.Concat(i), Height - Bottom, Top, fromZero: true);
        ChartFrame.YAxis(svg, y, Left, Width - Right, "share", v => StudyFormat.Percent(v).Replace(".0 ", " ", StringComparison.Ordinal));
        ChartFrame.XAxis(svg, x, Top, Height - Bottom, "face distance", v => StudyFormat.Number(v));
        for (int b = 0; b < bins; b++)
        {
            double x0 = x.Map(x.DomainMin + (b * binWidth)) + 1;
            double w = x.Map(x.DomainMin + ((b + 1) * binWidth)) - x0 - 1;
            svg.Rect(x0, y.Map(g[b]), w, y.Map(0) - y.Map(g[b]), Palette.Genuine, $"genuine {StudyFormat.Percent(g[b])}", 0.6);
            svg.Rect(x0, y.Map(i[b]), w, y.Map(0) - y.Map(i[b]), Palette.Impostor, $"impostor {StudyFormat.Percent(i[b])}", 0.6);
        }

        ChartFrame.ThresholdMarker(svg, x.Map(threshold), Top, Height - Bottom, $"τ = {StudyFormat.Score(threshold)}");
        ChartFrame.Legend(svg, Left + 10, 16, [($"genuine pairs (n = {genuine.Count})", Palette.Genuine), ($"impostor pairs (n = {impostor.Count})", Palette.Impostor)]);
        return svg.ToString();
    }

    private static double[] Shares(IReadOnlyList<double> values, double min, double binWidth, int bins)
    {
        var counts = new double[bins];
        foreach (double v in values)
        {
            counts[Math.Clamp((int)((v - min) / binWidth), 0, bins - 1)]++;
        }

        return values.Count == 0 ? counts : [.. counts.Select(c => c / values.Count)];
    }
}
