using System.Net;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>Small HTML fragments the report sections share.</summary>
internal static class ReportHtml
{
    public static string Esc(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);

    public static string Ci(Interval? ci, Func<double?, string> format) =>
        ci is null ? string.Empty : $"<span class=\"ci\">95 % CI {format(ci.Low)}–{format(ci.High)}</span>";

    public static string Rate(RateSummary rate) =>
        rate.Rate is null ? "–" : $"{StudyFormat.Percent(rate.Rate)} <span class=\"ci\">({rate.Successes}/{rate.Trials})</span>";

    /// <summary>A cost per kept shot with its 95 % interval ("∞" above when the pass rate's lower bound is 0).</summary>
    public static string PerKept(Core.Gates.KeptShotCost k) =>
        $"{(k.PerKeptUsd is { } per ? StudyFormat.Money(per) : "–")} <span class=\"ci\">[{(k.LowUsd is { } lo ? StudyFormat.Money(lo) : "–")}, {(k.HighUsd is { } hi ? StudyFormat.Money(hi) : "∞")}]</span>";

    public static string Tier(int tier) => $"<span class=\"tier tier{tier}\">Tier {tier}</span>";

    public static string Badge(string kind, string text) => $"<span class=\"badge {kind}\">{Esc(text)}</span>";
}
