using System.Globalization;
using System.Text;
using Likeness.Core.Gates;
using Likeness.Core.Studies.Scorecard;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>The weighted scorecard with tiers, each score showing its raw number and where that came from.</summary>
internal static class ScorecardSection
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        [ScorecardCriteria.Consistency] = "consistency",
        [ScorecardCriteria.TrainingTime] = "training time",
        [ScorecardCriteria.InferenceLatency] = "inference latency",
        [ScorecardCriteria.Cost] = "cost",
        [ScorecardCriteria.Integration] = "integration",
        [ScorecardCriteria.BrowserCompatibility] = "browser compat.",
    };

    public static string Render(ReportContext c)
    {
        StudyScorecard card = c.Analysis.Scorecard;
        var html = new StringBuilder("<section id=\"scorecard\"><h2>Scorecard</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Each criterion is scored 0–1 (rules in Methods) and weighted; a criterion with no data is left out and its weight spread over the rest. Tier 1 from {StudyFormat.Number(card.Tier1)}, Tier 2 from {StudyFormat.Number(card.Tier2)}, else Tier 3. Small grey text: the raw number and its source (measured, price table, study file, default table or default).</p>");
        html.Append("<table><tr><th>provider</th><th>tier</th><th class=\"num\">total</th>");
        foreach (string criterion in ScorecardCriteria.All)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{Labels[criterion]}<br><span class=\"ci\">{StudyFormat.Percent(card.Weights[criterion])}</span></th>");
        }

        html.Append("</tr>");
        foreach (ProviderScore row in card.Rows)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><b style=\"color:{c.Colour(row.Provider)}\">■</b> {Esc(row.DisplayName)}</td><td>{Tier(row.Tier)}</td><td class=\"num\"><b>{StudyFormat.Score(row.Total)}</b></td>");
            foreach (ScoreEntry e in row.Entries)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(e.Score is { } s ? StudyFormat.Score(s) : "–")}<br><span class=\"ci\">{Raw(e)} · {Esc(e.Source)}</span></td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        if (card.Rows.Any(r => r.CostPerKept is not null))
        {
            html.Append("<p class=\"note\">Cost per kept shot = price per image ÷ measured identity pass rate (95 % interval from the rate's Wilson interval): what one usable shot costs when failing shots are re-rolled.</p><table><tr><th>provider</th><th class=\"num\">per image</th><th class=\"num\">pass rate</th><th class=\"num\">per kept shot</th></tr>");
            foreach (ProviderScore row in card.Rows.Where(r => r.CostPerKept is not null))
            {
                KeptShotCost k = row.CostPerKept!;
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Esc(row.DisplayName)}</td><td class=\"num\">{StudyFormat.Money(k.PerAttemptUsd)}</td><td class=\"num\">{StudyFormat.Percent(k.PassRate)} <span class=\"ci\">{k.Passed}/{k.Attempts}</span></td><td class=\"num\">{PerKept(k)}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</section>").ToString();
    }

    private static string Raw(ScoreEntry e) => e.Raw is not { } raw ? "no data" : e.Criterion switch
    {
        ScorecardCriteria.Consistency => StudyFormat.Percent(raw) + " kept",
        ScorecardCriteria.TrainingTime => raw == 0 ? "none" : StudyFormat.Number(raw / 60, 1) + " min",
        ScorecardCriteria.InferenceLatency => StudyFormat.Number(raw / 1000, 1) + " s",
        ScorecardCriteria.Cost => StudyFormat.Money((decimal)raw) + "/image",
        _ => StudyFormat.Number(raw),
    };
}
