using System.Globalization;
using System.Text;
using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>The blind human rating of the study's shots: win rates with intervals, rater agreement, and the automatic score against people.</summary>
internal static class HumanSection
{
    public static bool Any(ReportContext c) => c.Results.Human is not null;

    public static string Render(ReportContext c)
    {
        if (c.Results.Human is not { } human)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<section id=\"human\"><h2>Human rating</h2>");
        html.Append("<p class=\"note\">Raters saw the character's references and two of its shots from different providers, blind and in their own shuffled order, and answered two questions with \"cannot tell\" allowed (docs/rating.md). Each pair's verdict is its raters' majority; a win rate is pairs won ÷ pairs decided with its Wilson 95 % interval, and pairs without a winner are counted as undecided, not split. Agreement is Krippendorff's alpha (nominal; missing votes allowed), with Fleiss' kappa where every pair has the same number of votes.</p>");
        foreach (QuestionSummary q in human.Questions)
        {
            string title = q.Question == RatingQuestion.Identity ? "Which keeps the identity?" : "Which follows the prompt?";
            html.Append(CultureInfo.InvariantCulture,
                $"<h3>{title}</h3><p class=\"note\">{q.Pairs} pairs voted, {q.Votes} votes by {q.Raters} raters; {q.Decided} decided, {q.Undecided} undecided; alpha {StudyFormat.Coefficient(q.KrippendorffAlpha)}, kappa {StudyFormat.Coefficient(q.FleissKappa)}.</p>");
            html.Append("<table><tr><th>provider</th><th class=\"num\">win rate</th><th class=\"num\">won</th><th class=\"num\">lost</th><th class=\"num\">undecided</th></tr>");
            foreach (ArmWinRate r in q.WinRates)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Esc(c.Name(r.Arm))}</td><td class=\"num\"><b>{StudyFormat.Percent(r.Rate)}</b> {Ci(r.WilsonCi95, StudyFormat.Percent)}</td><td class=\"num\">{r.Wins}</td><td class=\"num\">{r.Losses}</td><td class=\"num\">{r.Undecided}</td></tr>");
            }

            html.Append("</table>");
        }

        ProportionSummary a = human.AutomaticAgreement;
        html.Append(CultureInfo.InvariantCulture,
            $"<p>The automatic identity score (the shot with the smaller face distance) picked the human majority's identity winner in <b>{StudyFormat.Percent(a.Rate)}</b> {Ci(a.WilsonCi95, StudyFormat.Percent)} of {a.Trials} decided pairs with both distances measured.</p>");
        return html.Append("</section>").ToString();
    }
}
