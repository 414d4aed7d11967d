using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Decisions;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>The decisions: each provider against the success criteria with intervals, the recommendation, and the projections at scale.</summary>
internal static class DecisionsSection
{
    public static string Render(ReportContext c)
    {
        StudyDecisions d = c.Analysis.Decisions;
        SuccessCriteria k = d.Criteria;
        var html = new StringBuilder("<section id=\"decisions\"><h2>Decisions</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"recommendation\"><b>Recommendation.</b> {Esc(d.Recommendation.Text)}</p>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"note\">Success criteria: identity kept in more than {StudyFormat.Percent(k.IdentityRate)} of shots ({DecisionMaker.IdentityMethod}), under {StudyFormat.Number(k.SecondsPerShot, 1)} s a shot ({DecisionMaker.TimeMethod}), under {StudyFormat.Money(k.UsdPerImage)} an image ({DecisionMaker.MeasuredPriceMethod}; a price from the {DecisionMaker.TablePriceMethod}). <b>met</b>: the whole interval is on the right side; <b>likely</b>: the measured value is, the interval is not; <b>not met</b>: the whole interval is on the wrong side. The recommendation compares cost per kept shot (price ÷ pass rate) among providers not failing the identity criterion; the trigger is computed from those numbers.</p>");
        html.Append("<table><tr><th>provider</th><th>approach</th><th class=\"num\">identity kept</th><th class=\"num\">seconds a shot</th><th class=\"num\">price an image</th><th class=\"num\">per kept shot</th></tr>");
        foreach (ProviderDecision p in d.Providers)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Esc(c.Name(p.Provider))}</td><td>{Esc(p.Approach)}</td><td class=\"num\">{Cell(p.Identity, v => StudyFormat.Percent(v))}</td><td class=\"num\">{Cell(p.Time, v => v is { } s ? StudyFormat.Number(s, 2) + " s" : "–")}</td><td class=\"num\">{Cell(p.Price, v => v is { } usd ? StudyFormat.Money((decimal)usd) : "–")}</td><td class=\"num\">{(p.PerKept is { } kept ? PerKept(kept) : "–")}</td></tr>");
        }

        html.Append("</table><h3>At scale</h3>");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"note\">Monthly cost = generations × cost per kept shot + characters × training per character ÷ {d.AmortisationMonths} month(s) (training amortised). {(d.VideoPriced ? "Video seconds are priced in the Video section (its cost per second × the seconds a month at each scale)." : "This study made no priced video, so no video seconds are priced here.")}</p>");
        html.Append("<table><tr><th>characters</th><th class=\"num\">generations / month</th>");
        foreach (ProviderDecision p in d.Providers)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{Esc(c.Name(p.Provider))}</th>");
        }

        html.Append("<th>cheapest</th></tr>");
        foreach (ScaleProjection s in d.Projections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{StudyFormat.Whole(s.Scale.Characters)}</td><td class=\"num\">{StudyFormat.Number(s.Scale.GenerationsPerMonth, 0)}</td>");
            foreach (ProviderDecision p in d.Providers)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{(s.MonthlyUsd[p.Provider] is { } usd ? StudyFormat.Money(usd) : "–")}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td>{(s.Cheapest is { } cheapest ? Esc(c.Name(cheapest)) : "–")}</td></tr>");
        }

        return html.Append("</table></section>").ToString();
    }

    private static string Cell(CriterionJudgement j, Func<double?, string> format) =>
        $"{format(j.Measured)} {Ci(j.Ci95, format)}<br>{Verdict(j.Verdict)}";

    private static string Verdict(CriterionVerdict verdict) => verdict switch
    {
        CriterionVerdict.Met => Badge("pass", "met"),
        CriterionVerdict.LikelyMet => Badge("pass", "likely met"),
        CriterionVerdict.LikelyNotMet => Badge("fail", "likely not met"),
        CriterionVerdict.NotMet => Badge("fail", "not met"),
        _ => Badge("none", "no data"),
    };
}
