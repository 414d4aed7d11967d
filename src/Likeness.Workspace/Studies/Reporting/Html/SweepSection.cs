using System.Globalization;
using System.Text;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Workspace.Studies.Reporting.Charts;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>Parameter sweeps (a study entry with <c>sweep:</c>): per swept entry, a chart and a table of pass rate and CLIP-T per value.</summary>
internal static class SweepSection
{
    /// <summary>True when the study swept a parameter.</summary>
    public static bool Any(ReportContext c) => c.Results.Providers.Any(p => p.Sweep is not null);

    public static string Render(ReportContext c)
    {
        if (!Any(c))
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"sweeps\"><h2>Parameter sweeps</h2>");
        html.Append("<p class=\"note\">Each swept entry ran once per value with the same seeds. Identity pass rate needs a calibrated threshold; CLIP-T (prompt following) needs a CLIP model. Lower image-to-image strength usually keeps more of the reference and follows the prompt less.</p>");
        foreach (var group in c.Results.Providers.Where(p => p.Sweep is not null).GroupBy(p => (p.Sweep!.Group, p.Sweep.Parameter)))
        {
            var points = new List<SweepValue>();
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Esc(group.Key.Group)}: {Esc(group.Key.Parameter)}</h3><div class=\"wide\"><table><tr><th class=\"num\">{Esc(group.Key.Parameter)}</th><th>column</th><th class=\"num\">identity kept</th><th class=\"num\">CLIP-T</th><th class=\"num\">face distance</th><th class=\"num\">moderated</th><th class=\"num\">failed</th></tr>");
            foreach (StudyProviderFacts facts in group.OrderBy(p => p.Sweep!.Value))
            {
                GroupStatistics g = c.Stats(facts.Provider);
                points.Add(new SweepValue(facts.Sweep!.Value, g.IdentityPass.Rate, g.ClipT.Mean));
                html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"num\">{StudyFormat.Number(facts.Sweep.Value, 3)}</td><td>{Esc(facts.Provider)}</td><td class=\"num\">{Rate(g.IdentityPass)}</td><td class=\"num\">{(g.ClipT.Mean is { } t ? StudyFormat.Score(t) : "–")}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(g.FaceDistance.Mean is { } d ? StudyFormat.Score(d) : "–")}</td><td class=\"num\">{g.Moderated}</td><td class=\"num\">{g.Failed}/{g.Shots}</td></tr>");
            }

            html.Append("</table></div><div class=\"chart sweep\">").Append(SweepChart.Render(group.Key.Group, group.Key.Parameter, points)).Append("</div>");
        }

        return html.Append("</section>").ToString();
    }
}
