using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Projections;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>Monthly cost projections and the break-even points between approaches.</summary>
internal static class CostsSection
{
    public static string Render(ReportContext c)
    {
        IReadOnlyList<CostProjection> projections = c.Analysis.Projections;
        var html = new StringBuilder("<section id=\"costs\"><h2>What it costs at scale</h2>");
        int characters = projections.Count > 0 ? projections[0].Characters : 1;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Monthly cost = cost per image × generations + training per character × {characters} character(s). Cost per image is the measured mean of this study's new (not cached) successful calls where there were any, else the price table's.</p>");
        html.Append("<table><tr><th>provider</th><th class=\"num\">per image</th><th class=\"num\">training / character</th>");
        foreach (MonthlyCost m in projections.Count > 0 ? projections[0].Months : [])
        {
            html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{StudyFormat.Number(m.GenerationsPerMonth, 0)} / month</th>");
        }

        html.Append("</tr>");
        foreach (CostProjection p in projections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(c.Name(p.Basis.Provider))}</td><td class=\"num\">{StudyFormat.Money(p.Basis.PerImageUsd)}<br><span class=\"ci\">{Esc(p.Basis.PerImageSource)}</span></td><td class=\"num\">{StudyFormat.Money(p.Basis.TrainingPerCharacterUsd)}</td>");
            foreach (MonthlyCost m in p.Months)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{StudyFormat.Money(m.MonthlyUsd)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table><h3>Break-even: when does training pay for itself?</h3>");
        html.Append("<p class=\"note\">Per character, approach A costs T<sub>A</sub> + P<sub>A</sub>·n for n generations. The lines cross at n* = (T<sub>B</sub> − T<sub>A</sub>) / (P<sub>A</sub> − P<sub>B</sub>); below n* the approach with less training wins, above it the one with the cheaper image. The seeds estimated about 20 (instant vs LoRA) and about 17 (LoRA vs Astria); these figures are computed from this study's prices.</p>");
        if (c.Analysis.BreakEvens.Count == 0)
        {
            return html.Append("<p>Only one provider: no break-even.</p></section>").ToString();
        }

        html.Append("<table><tr><th>A</th><th>B</th><th class=\"num\">break-even (generations / character)</th><th>reading</th></tr>");
        foreach (BreakEven b in c.Analysis.BreakEvens)
        {
            string reading = b.GenerationsPerCharacter is { } n
                ? $"{Esc(c.Name(b.CheaperBelow!))} is cheaper below {StudyFormat.Number(n, 1)} generations per character, {Esc(c.Name(b.CheaperAbove!))} above"
                : b.CheaperBelow is { } always ? $"never crosses: {Esc(c.Name(always))} is cheaper at every volume" : "never crosses: they cost the same";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(c.Name(b.ProviderA))}</td><td>{Esc(c.Name(b.ProviderB))}</td><td class=\"num\"><b>{(b.GenerationsPerCharacter is { } g ? StudyFormat.Number(g, 1) : "never")}</b></td><td>{reading}</td></tr>");
        }

        return html.Append("</table></section>").ToString();
    }
}
