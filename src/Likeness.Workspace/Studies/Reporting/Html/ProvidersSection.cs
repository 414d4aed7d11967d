using System.Globalization;
using System.Text;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Workspace.Studies.Reporting.Charts;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>Per-provider numbers: a table with intervals, the distance distributions, pass rates, latency and cost.</summary>
internal static class ProvidersSection
{
    public static string Render(ReportContext c)
    {
        var html = new StringBuilder("<section id=\"providers\"><h2>Providers side by side</h2>");
        html.Append("<p class=\"note\">Means with 95 % bootstrap intervals (10 000 resamples, seeded). Pass rates also show the Wilson interval, which stays honest when every shot passes or fails.</p>");
        html.Append("<div class=\"wide\"><table><tr><th>provider</th><th class=\"num\">identity kept</th><th>95 % CI<br>bootstrap / Wilson</th><th class=\"num\">face distance<br>mean ± SD</th><th class=\"num\">faces found</th><th class=\"num\">CLIP-I</th><th class=\"num\">CLIP-T</th><th class=\"num\">DINO-I<br>whole / crop</th><th class=\"num\">copy-paste</th><th class=\"num\">latency</th><th class=\"num\">cost / shot</th><th class=\"num\">failed</th>");
        bool sim = c.Analysis.ByProvider.Any(g => g.SimKept is not null);
        if (sim)
        {
            html.Append("<th class=\"num\">sim truth<br>kept</th>");
        }

        html.Append("</tr>");
        foreach (string p in c.Providers)
        {
            GroupStatistics g = c.Stats(p);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><b style=\"color:{c.Colour(p)}\">■ {Esc(p)}</b><br><small>{Esc(c.Name(p))}</small></td><td class=\"num\">{Rate(g.IdentityPass)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"ci\">{Interval(g.IdentityPass.BootstrapCi95)}<br>{Interval(g.IdentityPass.WilsonCi95)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{StudyFormat.Score(g.FaceDistance.Mean)} ± {StudyFormat.Score(g.FaceDistance.StandardDeviation)}<br>{Ci(g.FaceDistance.Ci95, StudyFormat.Score)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Rate(g.FaceDetection)}</td><td class=\"num\">{Dash(StudyFormat.Score(g.ClipI.Mean))}</td><td class=\"num\">{Dash(StudyFormat.Score(g.ClipT.Mean))}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Dash(StudyFormat.Score(g.DinoI.Mean))} / {Dash(StudyFormat.Score(g.DinoICrop.Mean))}</td><td class=\"num\">{g.CopyPaste}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{Dash(StudyFormat.Milliseconds(g.LatencyMs.Mean))} ms</td><td class=\"num\">{(g.CostUsd.Mean is { } m ? StudyFormat.Money((decimal)m) : "–")}</td><td class=\"num\">{g.Failed}/{g.Shots}</td>");
            if (sim)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(g.SimKept is { } k ? Rate(k) : "–")}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table></div>");
        html.Append("<div class=\"charts\">");
        html.Append("<div class=\"chart\"><h4>Face distance per shot (lower = closer to the references)</h4>")
            .Append(DistributionChart.Render([.. c.Providers.Select(p => Row(c, p, Distances(c, p), c.Stats(p).FaceDistance.Mean, c.Stats(p).FaceDistance.Ci95, null))], c.Analysis.Calibration.Threshold, "face distance to the references (mean over references)"))
            .Append("<p class=\"note\">Dots are shots; the black bar is the mean and the whisker under it its 95 % interval. Shots left of the red line pass.</p></div></div><div class=\"charts\" style=\"margin-top:16px\">");
        html.Append("<div class=\"chart\"><h4>Identity kept (share of scored shots)</h4>")
            .Append(BarChart.Render([.. c.Providers.Select(p => Row(c, p, [], c.Stats(p).IdentityPass.Rate, c.Stats(p).IdentityPass.BootstrapCi95, StudyFormat.Percent(c.Stats(p).IdentityPass.Rate)))], "identity pass rate", v => StudyFormat.Percent(v).Replace(".0 ", " ", StringComparison.Ordinal), 1))
            .Append("</div>");
        html.Append("<div class=\"chart\"><h4>Latency per shot</h4>")
            .Append(BarChart.Render([.. c.Providers.Select(p => Row(c, p, [], c.Stats(p).LatencyMs.Mean / 1000, Seconds(c.Stats(p).LatencyMs.Ci95), StudyFormat.Number((c.Stats(p).LatencyMs.Mean ?? 0) / 1000, 1) + " s"))], "mean latency (s)", v => StudyFormat.Number(v, 1)))
            .Append("</div>");
        html.Append("<div class=\"chart\"><h4>Cost per shot</h4>")
            .Append(BarChart.Render([.. c.Providers.Select(p => Row(c, p, [], c.Stats(p).CostUsd.Mean, c.Stats(p).CostUsd.Ci95, c.Stats(p).CostUsd.Mean is { } m ? StudyFormat.Money((decimal)m) : null))], "mean cost per shot (USD)", v => StudyFormat.Number(v, 3)))
            .Append("</div></div>");
        html.Append(ScenarioMatrix(c));
        return html.Append("</section>").ToString();
    }

    private static string ScenarioMatrix(ReportContext c)
    {
        string[] scenarios = [.. c.Analysis.ByProviderScenario.Select(g => g.Scenario!).Distinct()];
        var html = new StringBuilder("<h3>Identity kept per scenario</h3><table class=\"heat\"><tr><th>scenario</th>");
        foreach (string p in c.Providers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{Esc(c.Name(p))}</th>");
        }

        html.Append("</tr>");
        foreach (string s in scenarios)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(s)}</td>");
            foreach (string p in c.Providers)
            {
                GroupStatistics? g = c.Analysis.ByProviderScenario.FirstOrDefault(x => x.Provider == p && x.Scenario == s);
                double? rate = g?.IdentityPass.Rate;
                string shade = rate is { } r ? $" style=\"background:rgba({(int)(200 * (1 - r)) + 40},{(int)(160 * r) + 60},90,.18)\"" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\"{shade}>{(g is null ? "–" : Rate(g.IdentityPass))}<br>{Ci(g?.IdentityPass.WilsonCi95, StudyFormat.Percent)}</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</table><p class=\"note\">Cells show the pass rate (passed/scored) and the Wilson 95 % interval: with a handful of shots per cell the intervals are wide, so read rows, not single cells.</p>").ToString();
    }

    // Charts carry the short label (the CSV's provider column): display names do not fit a chart's margin.
    private static SeriesRow Row(ReportContext c, string p, IReadOnlyList<double> values, double? value, Core.Studies.Statistics.Interval? ci, string? text) =>
        new(p, c.Colour(p), values, value, ci, text);

    private static double[] Distances(ReportContext c, string p) =>
        [.. c.Analysis.Shots.Where(s => s.Provider == p && s.Status == StudyStatuses.Succeeded && s.FaceDistance is not null).Select(s => s.FaceDistance!.Value)];

    private static Core.Studies.Statistics.Interval? Seconds(Core.Studies.Statistics.Interval? ms) => ms is null ? null : new(ms.Low / 1000, ms.High / 1000);

    private static string Interval(Core.Studies.Statistics.Interval? ci) => ci is null ? "–" : $"{StudyFormat.Percent(ci.Low)}–{StudyFormat.Percent(ci.High)}";

    private static string Dash(string value) => value.Length == 0 ? "–" : value;
}
