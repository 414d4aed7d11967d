using System.Globalization;
using System.Text;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using static Likeness.Workspace.Studies.Reporting.Html.ReportHtml;

namespace Likeness.Workspace.Studies.Reporting.Html;

/// <summary>
/// One block per scenario, one row per provider, its shots side by side with their verdict and scores. Every number on
/// a card is the same string results.csv holds (the card's data-f cells), so the two can be compared mechanically.
/// </summary>
internal static class GallerySection
{
    public static string Render(ReportContext c)
    {
        var html = new StringBuilder("<section id=\"gallery\"><h2>Gallery</h2><p class=\"note\">Click a picture for the full image. Badges: PASS/FAIL against τ, NO FACE when the face engine found none, COPY when the shot is a near-duplicate of a reference (identity \"kept\" by copying).</p>");
        foreach (string scenario in c.Analysis.Shots.Select(s => s.Scenario).Distinct())
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"scenario\" id=\"scenario-{Esc(scenario)}\"><h3>{Esc(scenario)}</h3>");
            html.Append(ExpectedClipI(c, scenario));
            foreach (string p in c.Providers)
            {
                StudyShotResult[] shots = [.. c.Analysis.Shots.Where(s => s.Scenario == scenario && s.Provider == p)];
                if (shots.Length == 0)
                {
                    continue;
                }

                GroupStatistics? g = c.Analysis.ByProviderScenario.FirstOrDefault(x => x.Provider == p && x.Scenario == scenario);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"prow\"><div class=\"pname\" style=\"color:{c.Colour(p)}\">{Esc(c.Name(p))}<small>{(g is null ? "" : Rate(g.IdentityPass) + " kept")}</small></div><div class=\"cards\">");
                foreach (StudyShotResult shot in shots)
                {
                    html.Append(Card(shot));
                }

                html.Append("</div></div>");
            }

            html.Append("</div>");
        }

        return html.Append("</section>").ToString();
    }

    /// <summary>
    /// The plan's CLIP-I expectation beside what each provider measured. It is stated, never applied: real photos of
    /// one person score about 0.885 (DreamBench), so a higher bar rewards copies (evaluation.md 3.3, 3.5).
    /// </summary>
    private static string ExpectedClipI(ReportContext c, string scenario)
    {
        if (c.Results.ExpectedClipI?.TryGetValue(scenario, out double expected) != true)
        {
            return string.Empty;
        }

        string measured = string.Join(", ", c.Analysis.ByProviderScenario
            .Where(g => g.Scenario == scenario && g.ClipI.Mean is not null)
            .Select(g => $"{Esc(c.Name(g.Provider))} {StudyFormat.Score(g.ClipI.Mean)}"));
        return $"<p class=\"note expected\">The plan expected CLIP-I ≥ {expected.ToString("0.###", CultureInfo.InvariantCulture)} here. "
            + (measured.Length == 0 ? "CLIP-I was not measured (no CLIP model installed). " : $"Measured mean CLIP-I: {measured}. ")
            + "It is not the pass bar: real photos of one person reach about 0.885, and copies of a reference score highest.</p>";
    }

    /// <summary>The key a card carries in data-shot: character|provider|scenario|variation|seed.</summary>
    public static string Key(StudyShotResult s) =>
        string.Join('|', s.Character, s.Provider, s.Scenario, StudyFormat.Whole(s.Variation), StudyFormat.Whole(s.Seed));

    private static string Card(StudyShotResult s)
    {
        string picture = s.Status == StudyStatuses.Moderated
            ? "<div class=\"ph\">filtered by the provider's moderation (paid, not scored)</div>"
            : s.Status != StudyStatuses.Succeeded
            ? $"<div class=\"ph\">generation failed<br>{Esc(s.Error)}</div>"
            : ReportLink.Safe(s.Thumbnail ?? s.Image) is { } src
                ? $"<a href=\"{Esc(ReportLink.Safe(s.Image) ?? src)}\"><img src=\"{Esc(src)}\" alt=\"{Esc(s.Character)}, {Esc(s.Scenario)}, variation {s.Variation}\" loading=\"lazy\"></a>"
                : "<div class=\"ph\">no image</div>";
        string badges = (s.Status == StudyStatuses.Moderated ? Badge("none", "MODERATED")
            : s.Status != StudyStatuses.Succeeded ? Badge("fail", "FAILED")
            : s.IdentityPass switch { true => Badge("pass", "PASS"), false when s.FaceDetected == false => Badge("none", "NO FACE"), false => Badge("fail", "FAIL"), null => Badge("none", "NOT SCORED") })
            + (s.CopyPaste == true ? " " + Badge("warn", "COPY") : string.Empty)
            + (s.Cached ? " <span class=\"ci\">cached</span>" : string.Empty);
        var fields = new StringBuilder();
        Field(fields, "face dist.", "face_distance", StudyFormat.Score(s.FaceDistance));
        Field(fields, "min dist.", "face_distance_min", StudyFormat.Score(s.FaceDistanceMin));
        Field(fields, "CLIP-I", "clip_i", StudyFormat.Score(s.ClipI));
        Field(fields, "CLIP-T", "clip_t", StudyFormat.Score(s.ClipT));
        Field(fields, "DINO-I", "dino_i", StudyFormat.Score(s.DinoI));
        Field(fields, "DINO crop", "dino_i_crop", StudyFormat.Score(s.DinoICrop));
        Field(fields, "self-cons.", "self_consistency", StudyFormat.Score(s.SelfConsistency));
        Field(fields, "latency ms", "latency_ms", StudyFormat.Milliseconds(s.LatencyMs));
        Field(fields, "cost $", "cost_usd", StudyFormat.Usd(s.CostUsd));
        string truth = s.SimIdentity is null ? string.Empty : $" · sim: {Esc(s.SimIdentity)}";
        return $"<div class=\"card\" data-shot=\"{Esc(Key(s))}\">{picture}<div class=\"body\">{badges}<dl>{fields}</dl><div class=\"who\" title=\"{Esc(s.Prompt)}\">{Esc(s.Character)} · v{s.Variation} · seed {StudyFormat.Whole(s.Seed)}{truth}</div></div></div>";
    }

    private static void Field(StringBuilder html, string label, string column, string value)
    {
        if (value.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{label}</dt><dd data-f=\"{column}\">{value}</dd>");
        }
    }
}
