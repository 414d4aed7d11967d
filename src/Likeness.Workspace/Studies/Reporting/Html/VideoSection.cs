using System.Globalization;
using System.Text;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Videos;
using Likeness.Workspace.Videos.Drift;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>
/// The study's clips: per provider what they cost a second and how the character held through them, video at the
/// projection scales, then each clip with its distance-over-time chart, its breaks and, where a clip was also made
/// from the frontal image alone, the two side by side (seed 003's verification step).
/// </summary>
internal static class VideoSection
{
    public static bool Any(ReportContext c) => c.Results.Videos.Count > 0;

    public static string Render(ReportContext c)
    {
        if (!Any(c))
        {
            return string.Empty;
        }

        StudyVideoRequest? request = c.Results.Video;
        var html = new StringBuilder("<section id=\"video\"><h2>Video</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"note\">Each character's default pin (its frontal image and up to three references) was made into a {(request is null ? "" : $"{request.DurationSeconds} s {Esc(request.AspectRatio)} ")}clip{(request is null ? "" : $" (\u201c{Esc(request.Prompt)}\u201d)")} through the video service, and every made clip was followed frame by frame against the character's calibrated threshold (docs/video.md). Frames are pooled per provider: detection = frames with a face; kept = frames that keep the character among those with a judged face. Cost per second = what the made clips cost ÷ their seconds (a clip made by an earlier run carries its original cost).</p>");
        html.Append("<table><tr><th>provider</th><th class=\"num\">clips (made)</th><th class=\"num\">seconds</th><th class=\"num\">spent</th><th class=\"num\">per second</th><th class=\"num\">frames</th><th class=\"num\">faces found</th><th class=\"num\">kept</th><th class=\"num\">median distance</th><th class=\"num\">breaks</th></tr>");
        foreach (VideoStatistics v in c.Analysis.Video)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{Esc(v.Provider)}</td><td class=\"num\">{v.Clips} ({v.Made})</td><td class=\"num\">{StudyFormat.Number(v.Seconds, 1)}</td><td class=\"num\">{StudyFormat.Money(v.SpentUsd)}</td><td class=\"num\"><b>{(v.CostPerSecondUsd is { } ps ? StudyFormat.Money(ps) : "–")}</b></td><td class=\"num\">{v.Frames}</td><td class=\"num\">{StudyFormat.Percent(v.DetectionRate)}</td><td class=\"num\">{StudyFormat.Percent(v.KeptRate)}</td><td class=\"num\">{(v.MedianDistance is null ? "–" : StudyFormat.Score(v.MedianDistance))}</td><td class=\"num\">{v.Breaks}</td></tr>");
        }

        html.Append("</table>");
        if (c.Analysis.Video.Any(v => v.AtScale.Count > 0))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>Video at scale</h3><p class=\"note\">Monthly video cost = characters × {request?.SecondsPerCharacterMonth ?? 0} s of video a character needs a month (<code>video.seconds_per_character_month</code>) × the measured cost per second; add it to the still images' monthly cost in Decisions.</p>");
            html.Append("<table><tr><th>provider</th>");
            foreach (VideoProjection p in c.Analysis.Video.First(v => v.AtScale.Count > 0).AtScale)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th class=\"num\">{StudyFormat.Whole(p.Scale.Characters)} characters ({StudyFormat.Whole(p.SecondsPerMonth)} s)</th>");
            }

            html.Append("</tr>");
            foreach (VideoStatistics v in c.Analysis.Video.Where(v => v.AtScale.Count > 0))
            {
                html.Append("<tr><td>").Append(Esc(v.Provider)).Append("</td>");
                foreach (VideoProjection p in v.AtScale)
                {
                    html.Append("<td class=\"num\">").Append(StudyFormat.Money(p.MonthlyUsd)).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        foreach (var clips in c.Results.Videos.GroupBy(v => (v.Character, v.Provider)))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{Esc(clips.Key.Character)} · {Esc(clips.Key.Provider)}</h3>");
            if (clips.FirstOrDefault(v => v.WithReferences)?.Drift is { } referenced && clips.FirstOrDefault(v => !v.WithReferences)?.Drift is { } frontal)
            {
                html.Append("<p class=\"panel verdict\">").Append(Esc(
                    $"With the pin's references: {StudyFormat.Percent(referenced.KeptRate)} of frames kept, median distance {StudyFormat.Score(referenced.MedianDistance)}, {referenced.Breaks.Count} break(s); "
                    + $"from the frontal image alone: {StudyFormat.Percent(frontal.KeptRate)}, {StudyFormat.Score(frontal.MedianDistance)}, {frontal.Breaks.Count} break(s)."))
                    .Append("</p>");
            }

            foreach (StudyVideoResult v in clips)
            {
                html.Append("<h4>").Append(v.WithReferences ? "with the pin's references" : "frontal image only").Append("</h4><p>");
                if (v.Status != StudyStatuses.Succeeded)
                {
                    html.Append("Not made: ").Append(Esc(v.Error ?? "failed")).Append("</p>");
                    continue;
                }

                html.Append(CultureInfo.InvariantCulture, $"{StudyFormat.Number(v.Seconds ?? v.DurationSeconds, 1)} s, {StudyFormat.Money(v.CostUsd)}{(v.Simulated ? " (simulated)" : "")}");
                if (v.Clip is { } clip)
                {
                    html.Append(" · <a href=\"").Append(Esc(clip)).Append("\">clip</a>");
                }

                if (v.DriftPage is { } page)
                {
                    html.Append(" · <a href=\"").Append(Esc(page)).Append("\">frame by frame</a>");
                }

                if (v.Drift is not { } drift)
                {
                    html.Append(" · ").Append(Esc(v.NotChecked ?? "not checked")).Append("</p>");
                    continue;
                }

                html.Append(CultureInfo.InvariantCulture,
                    $" · faces in {StudyFormat.Percent(drift.DetectionRate)} of {drift.Frames} frames, kept {StudyFormat.Percent(drift.KeptRate)}, median distance {StudyFormat.Score(drift.MedianDistance)}, {drift.Breaks.Count} break(s)</p>");
                html.Append("<div class=\"chart\">").Append(DriftChart.Render(drift)).Append("</div>");
                foreach (var segment in drift.Breaks)
                {
                    html.Append("<p>").Append(Esc(DriftFiles.Describe(segment))).Append("</p>");
                }
            }
        }

        return html.Append("</section>").ToString();
    }
}
