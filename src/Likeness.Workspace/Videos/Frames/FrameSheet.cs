using System.Text;
using Likeness.Core.Videos.Frames;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Reporting.Html;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Videos.Frames;

/// <summary>The contact sheet of an extraction: the chosen frames, then every other frame with why it was left out, each with its measurements.</summary>
public static class FrameSheet
{
    /// <summary>The sheet's file name.</summary>
    public const string FileName = "frames.html";

    /// <summary>Writes the sheet and the chosen frames (as <see cref="TrainingFrameExtractor.ReferenceName"/>) into <paramref name="folder"/>; returns the sheet's path.</summary>
    public static async Task<string> WriteAsync(FrameExtraction extraction, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        Directory.CreateDirectory(folder);
        foreach (FrameCandidate chosen in extraction.Selection.Chosen)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, TrainingFrameExtractor.ReferenceName(extraction.Clip, chosen.Time)), extraction.Of(chosen).Full!.Value, cancellationToken).ConfigureAwait(false);
        }

        string path = Path.Combine(folder, FileName);
        await File.WriteAllTextAsync(path, ToHtml(extraction), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The sheet as one self-contained page (thumbnails inline).</summary>
    public static string ToHtml(FrameExtraction extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        FrameSelection s = extraction.Selection;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Esc($"{extraction.Clip}: frames of {extraction.Character}"))
            .Append("</title><style>").Append(ReportCss.Style)
            .Append(".sheet{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}.frame{background:#fff;border:1px solid var(--line);border-radius:8px;padding:6px;font-size:12px}.frame img{width:100%;border-radius:4px;display:block}.frame.kept{border:3px solid var(--pass)}")
            .Append("</style></head><body><header class=\"top\"><div class=\"inner\"><h1>").Append(Esc(extraction.Clip)).Append("</h1><p>")
            .Append(Esc($"Training frames of {extraction.Character}: {s.Chosen.Count} chosen of {extraction.Frames.Count} sampled, {s.PosesCovered} pose band(s); identity threshold {StudyFormat.Score(extraction.Threshold)} ({extraction.ThresholdSource})"))
            .Append("</p></div></header><main><h2>Chosen</h2><div class=\"sheet\">");
        foreach (FrameCandidate c in s.Chosen)
        {
            Card(html, extraction, c, null);
        }

        html.Append("</div><h2>Left out</h2><div class=\"sheet\">");
        foreach (var (frame, reason) in s.Rejected)
        {
            Card(html, extraction, frame, reason);
        }

        return html.Append("</div></main></body></html>").ToString();
    }

    /// <summary>The reason in words.</summary>
    public static string Describe(FrameRejection reason) => reason switch
    {
        FrameRejection.NoFace => "no face",
        FrameRejection.OtherCharacter => "another cast member",
        FrameRejection.NotTheCharacter => "not the character",
        FrameRejection.FaceTooSmall => "face too small",
        FrameRejection.Blurry => "blurred",
        FrameRejection.BadExposure => "too dark or too bright",
        FrameRejection.Duplicate => "near-duplicate of a kept frame",
        _ => "set full (adds no new pose or light)",
    };

    private static void Card(StringBuilder html, FrameExtraction extraction, FrameCandidate c, FrameRejection? reason)
    {
        string image = Convert.ToBase64String(extraction.Of(c).Thumbnail.Span);
        html.Append("<figure class=\"frame").Append(reason is null ? " kept" : "").Append("\"><img alt=\"").Append(Esc($"frame at {StudyFormat.Number(c.Time.TotalSeconds)} s"))
            .Append("\" src=\"data:image/jpeg;base64,").Append(image).Append("\"><figcaption><b>").Append(Esc(StudyFormat.Number(c.Time.TotalSeconds))).Append(" s</b> ")
            .Append(Esc(reason is { } r ? Describe(r) : "chosen"));
        if (c.Identity.FaceFound)
        {
            html.Append("<br>").Append(Esc($"distance {StudyFormat.Score(c.Identity.Distance)}{(c.Identity.OtherCharacter is { } o ? $" (closer to {o})" : "")}, {c.PoseLabel}, {c.LightLabel}, face {StudyFormat.Percent(c.FaceHeightFraction)} high, sharpness {StudyFormat.Number(c.Sharpness, 0)}"));
        }

        html.Append("</figcaption></figure>");
    }
}
