using System.Globalization;
using System.Text;
using Likeness.Core.Studies.Gating;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>A gated study's attempts per provider: kept, rejected by reason, attempts and the cost per kept shot.</summary>
internal static class GateSection
{
    public static bool Any(ReportContext c) => c.Analysis.Gate.Count > 0;

    public static string Render(ReportContext c)
    {
        if (!Any(c))
        {
            return string.Empty;
        }

        StudyGate? gate = c.Results.Gate;
        var html = new StringBuilder("<section id=\"gate\"><h2>The gate</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Each character × provider × scenario cell asked for {(gate is null ? "N" : StudyFormat.Whole(gate.Keep))} shot(s) that pass the character's own calibrated threshold, re-rolling failures with the next seed, within {(gate is null ? "A" : StudyFormat.Whole(gate.MaxAttempts))} attempts and {(gate is null ? "its cap" : StudyFormat.Money(gate.MaxCostUsd))} per cell (docs/gate.md). Every attempt is a row of results.csv with its verdict. Spent is what the attempts cost when they were made (a cached attempt carries its original cost); cost per kept shot = spent ÷ kept; price ÷ kept rate gives the same figure with the 95 % interval of the kept rate's Wilson interval.</p>");
        html.Append("<table><tr><th>provider</th><th class=\"num\">cells (short of N)</th><th class=\"num\">full shots</th><th class=\"num\">kept</th><th>rejected</th><th class=\"num\">kept rate</th><th class=\"num\">spent</th><th class=\"num\">per kept shot</th><th class=\"num\">price ÷ kept rate</th></tr>");
        foreach (GateStatistics g in c.Analysis.Gate)
        {
            string rejected = g.RejectedBy.Count == 0 ? "none" : string.Join(", ", g.RejectedBy.Select(r => $"{r.Value} {Esc(r.Key)}"));
            string rate = Rate(g.KeptRate) + Ci(g.KeptRate.WilsonCi95, StudyFormat.Percent);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Esc(c.Name(g.Provider))}</td><td class=\"num\">{g.Cells} ({g.CellsShort})</td><td class=\"num\">{g.Attempts}</td><td class=\"num\">{g.Kept}</td><td>{rejected}</td><td class=\"num\">{rate}</td><td class=\"num\">{StudyFormat.Money(g.SpentUsd)}</td><td class=\"num\"><b>{(g.CostPerKeptUsd is { } per ? StudyFormat.Money(per) : "–")}</b></td><td class=\"num\">{(g.PerKept is { } k ? PerKept(k) : "–")}</td></tr>");
        }

        html.Append("</table>");
        if (c.Analysis.Gate.Any(g => g.Drafts > 0))
        {
            html.Append("<h3>Preview drafts</h3><p class=\"note\">Each attempt made a cheap draft first (half the size where the provider prices by the megapixel, else a quarter of the steps) with the full shot's seed; the full shot was made for accepted drafts only (<code>preview: drafts</code>) or for every draft (<code>preview: check</code>). Agreement: the share of drafts whose verdict matched their full shot's, with its Wilson interval; with <code>drafts</code> it covers accepted drafts only, so it is the share of accepted drafts whose full shot was kept.</p>");
            html.Append("<table><tr><th>provider</th><th class=\"num\">drafts</th><th class=\"num\">accepted</th><th class=\"num\">draft cost</th><th class=\"num\">full-shot cost</th><th class=\"num\">agreement</th><th>covers</th></tr>");
            foreach (GateStatistics g in c.Analysis.Gate.Where(g => g.Drafts > 0))
            {
                string agreement = g.DraftAgreement is { } a ? Rate(a) + Ci(a.WilsonCi95, StudyFormat.Percent) : "–";
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Esc(c.Name(g.Provider))}</td><td class=\"num\">{g.Drafts}</td><td class=\"num\">{g.DraftsAccepted}</td><td class=\"num\">{StudyFormat.Money(g.DraftSpentUsd)}</td><td class=\"num\">{StudyFormat.Money(g.SpentUsd - g.DraftSpentUsd)}</td><td class=\"num\">{agreement}</td><td>{(g.AgreementCoversRejectedDrafts ? "all drafts" : "accepted drafts")}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</section>").ToString();
    }
}
