using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Analysis;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>Pairwise comparisons with raw and Holm-adjusted p-values.</summary>
internal static class TestsSection
{
    public static string Render(ReportContext c)
    {
        var html = new StringBuilder("<section id=\"tests\"><h2>Are the differences real?</h2>");
        html.Append("<p class=\"note\">Each pair of providers is compared on the mean face distance and on the pass rate (shots as 0/1) with Welch's t-test (unequal variances, exact t distribution) and a two-sided permutation test (10 000 seeded relabellings). Holm's correction is applied within each metric's family of pairs; a difference counts at α = 0.05 when its <b>Holm-adjusted</b> p is at most 0.05. Shots of one provider share characters and scenarios, so p-values are a guide, not a proof.</p>");
        if (c.Analysis.Pairwise.Count == 0)
        {
            return html.Append("<p>Only one provider: nothing to compare.</p></section>").ToString();
        }

        html.Append("<table><tr><th>metric</th><th>A</th><th>B</th><th class=\"num\">mean A</th><th class=\"num\">mean B</th><th class=\"num\">n A / n B</th><th class=\"num\">Welch t (df)</th><th class=\"num\">Welch p</th><th class=\"num\">Welch p (Holm)</th><th class=\"num\">permutation p</th><th class=\"num\">permutation p (Holm)</th><th>verdict</th></tr>");
        foreach (PairwiseTest t in c.Analysis.Pairwise)
        {
            bool significant = t.PermutationPHolm is <= 0.05;
            string welch = t.Welch is { } w ? $"{StudyFormat.Number(w.T, 3)} ({StudyFormat.Number(w.DegreesOfFreedom, 1)})" : "–";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(t.Metric.Replace('_', ' '))}</td><td>{Esc(c.Name(t.ProviderA))}</td><td>{Esc(c.Name(t.ProviderB))}</td><td class=\"num\">{StudyFormat.Score(t.MeanA)}</td><td class=\"num\">{StudyFormat.Score(t.MeanB)}</td><td class=\"num\">{t.CountA} / {t.CountB}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{welch}</td><td class=\"num\">{StudyFormat.P(t.Welch?.P)}</td><td class=\"num\">{StudyFormat.P(t.WelchPHolm)}</td><td class=\"num\">{StudyFormat.P(t.PermutationP)}</td><td class=\"num\">{StudyFormat.P(t.PermutationPHolm)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(t.PermutationPHolm is null ? "–" : significant ? Badge("pass", "DIFFERENT") : Badge("none", "NOT SHOWN"))}</td></tr>");
        }

        return html.Append("</table></section>").ToString();
    }
}
