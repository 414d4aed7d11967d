using System.Text;
using Likeness.Core.Videos.Drift;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Reporting.Html;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>
/// Seed 003's verification step, "compare consistency with and without LoRA references": two clips of one character,
/// scored against the same threshold, side by side in one page (a table of the measures and both distance charts).
/// </summary>
public static class DriftComparison
{
    /// <summary>The comparison file's name.</summary>
    public const string Html = "compare.html";

    /// <summary>One line: which clip keeps the character more, by how much, and the median distances.</summary>
    public static string Summary(VideoIdentityReport a, VideoIdentityReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Drift.KeptRate is not { } ka || b.Drift.KeptRate is not { } kb)
        {
            return $"not judged ({a.ThresholdSource}): median distance {StudyFormat.Score(a.Drift.MedianDistance)} in {a.Clip}, {StudyFormat.Score(b.Drift.MedianDistance)} in {b.Clip}";
        }

        string which = ka == kb ? "both clips keep the character equally" : $"{(ka > kb ? a.Clip : b.Clip)} keeps the character more";
        return $"{which}: {StudyFormat.Percent(ka)} of frames with a face in {a.Clip} against {StudyFormat.Percent(kb)} in {b.Clip}; "
            + $"median distance {StudyFormat.Score(a.Drift.MedianDistance)} against {StudyFormat.Score(b.Drift.MedianDistance)}; breaks {a.Drift.Breaks.Count} against {b.Drift.Breaks.Count}";
    }

    /// <summary>The self-contained page.</summary>
    public static string ToHtml(VideoIdentityReport a, VideoIdentityReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Esc($"{a.Clip} and {b.Clip}: {a.Character}"))
            .Append("</title><style>").Append(ReportCss.Style).Append("</style></head><body>")
            .Append("<header class=\"top\"><div class=\"inner\"><h1>").Append(Esc($"{a.Clip} and {b.Clip}")).Append("</h1><p>")
            .Append(Esc($"{a.Character} in two clips, threshold {(a.Drift.Threshold is { } t ? StudyFormat.Score(t) : "none")} ({a.ThresholdSource})"))
            .Append("</p></div></header><main><div class=\"panel verdict\">").Append(Esc(Summary(a, b))).Append("</div>")
            .Append("<table><tr><th>measure</th><th class=\"num\">").Append(Esc(a.Clip)).Append("</th><th class=\"num\">").Append(Esc(b.Clip)).Append("</th></tr>");
        Row(html, "frames sampled", a.Drift.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Drift.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Row(html, "faces found", StudyFormat.Percent(a.Drift.DetectionRate), StudyFormat.Percent(b.Drift.DetectionRate));
        Row(html, "character kept", StudyFormat.Percent(a.Drift.KeptRate), StudyFormat.Percent(b.Drift.KeptRate));
        Row(html, "median distance", StudyFormat.Score(a.Drift.MedianDistance), StudyFormat.Score(b.Drift.MedianDistance));
        Row(html, "breaks", a.Drift.Breaks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), b.Drift.Breaks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        html.Append("</table>");
        foreach (VideoIdentityReport r in (VideoIdentityReport[])[a, b])
        {
            html.Append("<h2>").Append(Esc(r.Clip)).Append("</h2><div class=\"chart\">").Append(DriftChart.Render(r.Drift)).Append("</div>");
            foreach (DriftSegment s in r.Drift.Breaks)
            {
                html.Append("<p>").Append(Esc(DriftFiles.Describe(s))).Append("</p>");
            }
        }

        return html.Append("</main></body></html>").ToString();
    }

    private static void Row(StringBuilder html, string name, string a, string b) =>
        html.Append("<tr><td>").Append(Esc(name)).Append("</td><td class=\"num\">").Append(Esc(a)).Append("</td><td class=\"num\">").Append(Esc(b)).Append("</td></tr>");
}
