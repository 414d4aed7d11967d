using System.Text;
using System.Text.Json;
using Likeness.Core.Videos.Drift;
using Likeness.Workspace.Studies.Reporting;
using Likeness.Workspace.Studies.Reporting.Html;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Videos.Drift;

/// <summary>Publishes a <see cref="VideoIdentityReport"/> as <c>drift.json</c> (every frame, seconds and distances) and a self-contained <c>drift.html</c>.</summary>
public static class DriftFiles
{
    /// <summary>The JSON file's name.</summary>
    public const string Json = "drift.json";

    /// <summary>The HTML file's name.</summary>
    public const string Html = "drift.html";

    /// <summary>Writes both files into <paramref name="folder"/> (created when missing) and returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(VideoIdentityReport report, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, Json), html = Path.Combine(folder, Html);
        await File.WriteAllBytesAsync(json, ToJson(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(html, ToHtml(report), cancellationToken).ConfigureAwait(false);
        return [json, html];
    }

    /// <summary>The report as JSON: times in seconds, verdicts in lower case, nulls where nothing was measured.</summary>
    public static byte[] ToJson(VideoIdentityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            DriftReport d = report.Drift;
            w.WriteStartObject();
            w.WriteString("clip", report.Clip);
            w.WriteString("character", report.Character);
            w.WriteString("face_analyzer", report.FaceAnalyzer);
            w.WriteNumber("frames_per_second", report.FramesPerSecond);
            w.WriteStartObject("video");
            w.WriteString("format", report.Video.Format);
            w.WriteString("codec", report.Video.Codec);
            w.WriteNumber("width", report.Video.DisplayWidth);
            w.WriteNumber("height", report.Video.DisplayHeight);
            w.WriteNumber("rotation", report.Video.Rotation);
            w.WriteNumber("duration_s", report.Video.Duration.TotalSeconds);
            w.WriteEndObject();
            Number(w, "threshold", d.Threshold);
            w.WriteString("threshold_source", report.ThresholdSource);
            w.WriteNumber("frames", d.Frames);
            w.WriteNumber("faces_found", d.FacesFound);
            w.WriteNumber("detection_rate", d.DetectionRate);
            Number(w, "kept_rate", d.KeptRate);
            Number(w, "mean_distance", d.MeanDistance);
            Number(w, "median_distance", d.MedianDistance);
            Segments(w, "breaks", d.Breaks);
            Segments(w, "gaps", d.Gaps);
            w.WriteStartArray("worst");
            foreach (DriftPoint p in d.Worst)
            {
                w.WriteNumberValue(p.Frame.Time.TotalSeconds);
            }

            w.WriteEndArray();
            w.WriteStartArray("points");
            foreach (DriftPoint p in d.Points)
            {
                w.WriteStartObject();
                w.WriteNumber("t", p.Frame.Time.TotalSeconds);
                w.WriteBoolean("face", p.Frame.FaceFound);
                Number(w, "distance", p.Frame.Distance);
                Number(w, "rolling_median", p.RollingMedian);
                if (p.Frame.OtherCharacter is { } other)
                {
                    w.WriteString("closer_to", other);
                    Number(w, "closer_distance", p.Frame.OtherDistance);
                }

                w.WriteString("verdict", Verdict(p.Verdict));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The drift of a drift.json written by <see cref="ToJson"/> (a made video's stored check), so a study can chart
    /// and count it without following the clip again.
    /// </summary>
    /// <exception cref="JsonException">Not a drift.json.</exception>
    public static DriftReport ReadDrift(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement root = document.RootElement;
        DriftPoint[] points = [.. root.GetProperty("points").EnumerateArray().Select(p => new DriftPoint(
            new FrameIdentity(
                TimeSpan.FromSeconds(p.GetProperty("t").GetDouble()), p.GetProperty("face").GetBoolean(), OptionalNumber(p, "distance"),
                p.TryGetProperty("closer_to", out JsonElement other) ? other.GetString() : null, OptionalNumber(p, "closer_distance")),
            VerdictOf(p.GetProperty("verdict").GetString()),
            OptionalNumber(p, "rolling_median")))];
        double[] worst = [.. root.GetProperty("worst").EnumerateArray().Select(w => w.GetDouble())];
        return new DriftReport
        {
            Threshold = OptionalNumber(root, "threshold"),
            Frames = root.GetProperty("frames").GetInt32(),
            FacesFound = root.GetProperty("faces_found").GetInt32(),
            KeptRate = OptionalNumber(root, "kept_rate"),
            MeanDistance = OptionalNumber(root, "mean_distance"),
            MedianDistance = OptionalNumber(root, "median_distance"),
            Points = points,
            Breaks = ReadSegments(root.GetProperty("breaks")),
            Gaps = ReadSegments(root.GetProperty("gaps")),
            Worst = [.. worst.Select(t => points.FirstOrDefault(p => p.Frame.Time.TotalSeconds.Equals(t))).OfType<DriftPoint>()],
        };
    }

    private static DriftSegment[] ReadSegments(JsonElement segments) =>
        [.. segments.EnumerateArray().Select(s => new DriftSegment(
            VerdictOf(s.GetProperty("verdict").GetString()) ?? FrameVerdict.NoFace,
            TimeSpan.FromSeconds(s.GetProperty("start_s").GetDouble()),
            TimeSpan.FromSeconds(s.GetProperty("end_s").GetDouble()),
            s.GetProperty("frames").GetInt32(),
            s.TryGetProperty("character", out JsonElement c) ? c.GetString() : null))];

    private static double? OptionalNumber(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static FrameVerdict? VerdictOf(string? text) => text switch
    {
        "kept" => FrameVerdict.Kept,
        "drifted" => FrameVerdict.Drifted,
        "other-character" => FrameVerdict.OtherCharacter,
        "no-face" => FrameVerdict.NoFace,
        _ => null,
    };

    /// <summary>The report as one self-contained page: summary tiles, the distance chart, the breaks and gaps, the worst frames.</summary>
    public static string ToHtml(VideoIdentityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        DriftReport d = report.Drift;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Esc($"{report.Clip}: {report.Character}"))
            .Append("</title><style>").Append(ReportCss.Style).Append("</style></head><body>")
            .Append("<header class=\"top\"><div class=\"inner\"><h1>").Append(Esc(report.Clip)).Append("</h1><p>")
            .Append(Esc($"{report.Character} through the clip: {d.Frames} frames sampled at {StudyFormat.Number(report.FramesPerSecond)} per second, {report.Video.DisplayWidth}x{report.Video.DisplayHeight} {report.Video.Codec}, {StudyFormat.Number(report.Video.Duration.TotalSeconds, 1)} s"))
            .Append("</p></div></header><main>");
        string verdict = d.Threshold is null
            ? $"No verdict: the identity threshold is {report.ThresholdSource}. Distances are shown; give one with --threshold to judge them."
            : d.Breaks.Count == 0
                ? "The character holds through the clip: no break."
                : $"The identity breaks {d.Breaks.Count} time{(d.Breaks.Count == 1 ? "" : "s")}, first at {StudyFormat.Number(d.Breaks[0].Start.TotalSeconds)} s.";
        html.Append("<div class=\"panel verdict\">").Append(Esc(verdict)).Append("</div><div class=\"tiles\">");
        Tile(html, "faces found", StudyFormat.Percent(d.DetectionRate), $"{d.FacesFound} of {d.Frames} frames");
        Tile(html, "character kept", StudyFormat.Percent(d.KeptRate), "of the frames with a face");
        Tile(html, "face distance", StudyFormat.Score(d.MedianDistance), $"median; mean {StudyFormat.Score(d.MeanDistance)}");
        Tile(html, "threshold", d.Threshold is { } t ? StudyFormat.Score(t) : "none", report.ThresholdSource);
        html.Append("</div><h2>Distance over time</h2><div class=\"chart\">").Append(DriftChart.Render(d)).Append("</div>")
            .Append("<p class=\"note\">Each dot is a sampled frame: the largest face's mean distance to the character's references (").Append(Esc(report.FaceAnalyzer))
            .Append("). A frame where a face is closer to another cast member, within the threshold, counts as that member. Runs shorter than the least break are not called breaks; frames without a face are gaps, not evidence of drift.</p>");
        html.Append("<h2>Breaks and gaps</h2>");
        if (d.Breaks.Count + d.Gaps.Count == 0)
        {
            html.Append("<p>None.</p>");
        }
        else
        {
            html.Append("<table><tr><th>what</th><th class=\"num\">from (s)</th><th class=\"num\">to (s)</th><th class=\"num\">frames</th></tr>");
            foreach (DriftSegment s in d.Breaks.Concat(d.Gaps).OrderBy(s => s.Start))
            {
                string what = s.Verdict switch { FrameVerdict.OtherCharacter => $"{s.OtherCharacter} instead", FrameVerdict.Drifted => "drifted", _ => "no face" };
                html.Append("<tr><td>").Append(Esc(what)).Append("</td><td class=\"num\">").Append(StudyFormat.Number(s.Start.TotalSeconds))
                    .Append("</td><td class=\"num\">").Append(StudyFormat.Number(s.End.TotalSeconds)).Append("</td><td class=\"num\">").Append(s.Frames).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Farthest frames</h2><table><tr><th class=\"num\">time (s)</th><th class=\"num\">distance</th><th>verdict</th></tr>");
        foreach (DriftPoint p in d.Worst)
        {
            html.Append("<tr><td class=\"num\">").Append(StudyFormat.Number(p.Frame.Time.TotalSeconds)).Append("</td><td class=\"num\">").Append(StudyFormat.Score(p.Frame.Distance))
                .Append("</td><td>").Append(Esc(Verdict(p.Verdict))).Append("</td></tr>");
        }

        return html.Append("</table></main></body></html>").ToString();
    }

    /// <summary>One line for a break or gap: "3–6 s: Joe Biden instead (6 frames)".</summary>
    public static string Describe(DriftSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        string what = segment.Verdict switch
        {
            FrameVerdict.OtherCharacter => $"{segment.OtherCharacter} instead",
            FrameVerdict.Drifted => "the face drifted past the threshold",
            _ => "no face",
        };
        return $"{StudyFormat.Number(segment.Start.TotalSeconds)}–{StudyFormat.Number(segment.End.TotalSeconds)} s: {what} ({segment.Frames} frame{(segment.Frames == 1 ? "" : "s")})";
    }

    private static void Tile(StringBuilder html, string name, string big, string sub) =>
        html.Append("<div class=\"tile\" style=\"--c:#0072B2\"><div class=\"name\">").Append(Esc(name)).Append("</div><div class=\"big\">").Append(Esc(big))
            .Append("</div><div class=\"sub\">").Append(Esc(sub)).Append("</div></div>");

    private static string Verdict(FrameVerdict? verdict) => verdict switch
    {
        FrameVerdict.Kept => "kept",
        FrameVerdict.Drifted => "drifted",
        FrameVerdict.OtherCharacter => "other-character",
        FrameVerdict.NoFace => "no-face",
        _ => "not-judged",
    };

    private static void Segments(Utf8JsonWriter w, string name, IReadOnlyList<DriftSegment> segments)
    {
        w.WriteStartArray(name);
        foreach (DriftSegment s in segments)
        {
            w.WriteStartObject();
            w.WriteString("verdict", Verdict(s.Verdict));
            w.WriteNumber("start_s", s.Start.TotalSeconds);
            w.WriteNumber("end_s", s.End.TotalSeconds);
            w.WriteNumber("frames", s.Frames);
            if (s.OtherCharacter is { } other)
            {
                w.WriteString("character", other);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
