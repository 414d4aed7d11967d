using System.Text;
using Likeness.Core.Studies.Analysis;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>The top of the report: who keeps the identity best, by how much, and how sure the data lets us be.</summary>
internal static class SummarySection
{
    public static string Render(ReportContext c)
    {
        var html = new StringBuilder("<section id=\"summary\"><h2>Summary</h2>");
        GroupStatistics[] ranked = [.. c.Analysis.ByProvider.Where(g => g.IdentityPass.Rate is not null)
            .OrderByDescending(g => g.IdentityPass.Rate).ThenBy(g => g.FaceDistance.Mean ?? double.MaxValue)];
        html.Append("<div class=\"panel verdict\">").Append(Verdict(c, ranked)).Append("</div>");
        html.Append("<div class=\"tiles\">");
        foreach (string p in c.Providers)
        {
            GroupStatistics g = c.Stats(p);
            int? tier = c.Analysis.Scorecard.Rows.FirstOrDefault(r => r.Provider == p)?.Tier;
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<div class=\"tile\" style=\"--c:{c.Colour(p)}\"><div class=\"name\">{Esc(c.Name(p))} {(tier is { } t ? Tier(t) : "")}</div>")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"<div class=\"big\">{StudyFormat.Percent(g.IdentityPass.Rate)}</div><div class=\"sub\">identity kept ({g.IdentityPass.Successes}/{g.IdentityPass.Trials}) {Ci(g.IdentityPass.BootstrapCi95, StudyFormat.Percent)}</div>")
                .Append(System.Globalization.CultureInfo.InvariantCulture, $"<div class=\"sub\">face distance {StudyFormat.Score(g.FaceDistance.Mean)} · {StudyFormat.Milliseconds(g.LatencyMs.Mean)} ms · {(g.CostUsd.Mean is { } cost ? StudyFormat.Money((decimal)cost) : "–")}/shot</div></div>");
        }

        return html.Append("</div></section>").ToString();
    }

    private static string Verdict(ReportContext c, GroupStatistics[] ranked)
    {
        var cal = c.Analysis.Calibration;
        string rule = cal.Calibrated
            ? $"A shot keeps the identity when its face distance to the references is at most <b>{StudyFormat.Score(cal.Threshold!.Value)}</b>, the threshold calibrated on {cal.GenuineCount} genuine and {cal.ImpostorCount} impostor pairs for a false-accept rate of at most {StudyFormat.Percent(cal.TargetFalseAcceptRate)}."
            : $"<b>Not calibrated</b>: {Esc(cal.Reason ?? "no samples.")} There is no threshold, so no shot has an identity verdict and pass rates are empty.";
        string simulated = c.AnySimulated ? " <b>Simulated outputs are included</b>: they test the pipeline, not the providers." : string.Empty;
        if (ranked.Length == 0)
        {
            return $"No shot was face-scored, so identity retention cannot be ranked. {rule}{simulated}";
        }

        GroupStatistics best = ranked[0];
        var text = new StringBuilder().Append(System.Globalization.CultureInfo.InvariantCulture,
            $"<b>{Esc(c.Name(best.Provider))}</b> keeps the identity best: <b>{StudyFormat.Percent(best.IdentityPass.Rate)}</b> of {best.IdentityPass.Trials} scored shots pass {Ci(best.IdentityPass.BootstrapCi95, StudyFormat.Percent)}, mean face distance {StudyFormat.Score(best.FaceDistance.Mean)} {Ci(best.FaceDistance.Ci95, StudyFormat.Score)}. ");
        if (ranked.Length > 1)
        {
            GroupStatistics second = ranked[1];
            PairwiseTest? test = c.Analysis.Pairwise.FirstOrDefault(t => t.Metric == "identity_pass"
                && ((t.ProviderA == best.Provider && t.ProviderB == second.Provider) || (t.ProviderA == second.Provider && t.ProviderB == best.Provider)));
            double? p = test?.PermutationPHolm;
            string sureness = p switch
            {
                null => "the data are too few to test the difference",
                < 0.01 => $"the difference is <b>clear</b> (permutation p = {StudyFormat.P(p)} after Holm's correction)",
                < 0.05 => $"the difference is <b>likely real</b> (permutation p = {StudyFormat.P(p)} after Holm's correction)",
                _ => $"the difference is <b>not established</b> (permutation p = {StudyFormat.P(p)} after Holm's correction); more shots are needed to separate them",
            };
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Next is {Esc(c.Name(second.Provider))} at {StudyFormat.Percent(second.IdentityPass.Rate)} {Ci(second.IdentityPass.BootstrapCi95, StudyFormat.Percent)}; {sureness}. ");
        }

        return text.Append(rule).Append(simulated).ToString();
    }
}
