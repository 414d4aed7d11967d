using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Likeness.Workspace.Demo;

/// <summary>Writes a demo run as results.json, results.csv (one row per shot) and a self-contained index.html gallery.</summary>
internal static class DemoReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly string[] Columns =
    [
        "character", "provider", "scenario", "seed", "status", "latency_ms", "cost_usd", "face_detected", "face_distance",
        "face_distance_min", "sim_identity", "cached", "simulated", "prompt", "shot_id", "image", "error",
    ];

    public static async Task WriteAsync(DemoSummary summary, CancellationToken cancellationToken)
    {
        string folder = summary.OutputFolder;
        await File.WriteAllTextAsync(Path.Combine(folder, "results.json"), JsonSerializer.Serialize(new { shots = summary.Rows, reference_findings = summary.Findings }, Json), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "results.csv"), Csv(summary.Rows), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), Html(summary), cancellationToken).ConfigureAwait(false);
    }

    private static string Csv(IReadOnlyList<DemoRow> rows)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (DemoRow r in rows)
        {
            string?[] values =
            [
                r.Character, r.Provider, r.Scenario, Num(r.Seed), r.Status, Num(r.LatencyMs), Num(r.CostUsd), Bool(r.FaceDetected), Num(r.FaceDistance),
                Num(r.FaceDistanceMin), r.SimIdentity, Bool(r.Cached), Bool(r.Simulated), r.Prompt, r.ShotId, r.Image, r.Error,
            ];
            csv.AppendJoin(',', values.Select(Quote)).Append('\n');
        }

        return csv.ToString();
    }

    private static string Quote(string? value) =>
        value is null ? string.Empty
        : value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string? Num(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    private static string? Num(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Bool(bool? value) => value is null ? null : value.Value ? "true" : "false";

    private static string Html(DemoSummary summary)
    {
        var html = new StringBuilder();
        html.Append("""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Likeness demo</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{margin:0 0 4px}h2{margin:28px 0 8px}.note{color:#666;max-width:70em}
            table{border-collapse:collapse}td,th{padding:6px;vertical-align:top;text-align:left}
            th{font-weight:600;color:#444}.card{width:240px;background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px}
            .card img{width:100%;height:auto;display:block;border-radius:4px}.meta{font-size:12px;color:#555}
            .prompt{font-size:11px;color:#777;max-height:4.2em;overflow:hidden}.bad{color:#b00020}.good{color:#1b7f3b}
            </style></head><body>
            <h1>Likeness demo</h1>
            <p class="note">Every image here is <b>simulated</b> by the offline <code>sim</code> provider: it re-frames the
            character's own reference photos (or, when a shot "drifts", another person's) per scenario. Face distance is the
            face engine's descriptor distance from the shot's largest face to the character's references (mean); below 0.6
            usually means the same person. Latency and cost are the simulator's models of the real providers.</p>
            """);
        foreach (var byCharacter in summary.Rows.GroupBy(r => r.Character))
        {
            var providers = byCharacter.Select(r => r.Provider).Distinct().ToList();
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Esc(byCharacter.Key)}</h2><table><tr><th>scenario</th>");
            foreach (string p in providers)
            {
                html.Append(CultureInfo.InvariantCulture, $"<th>{Esc(p)}</th>");
            }

            html.Append("</tr>");
            foreach (var byScenario in byCharacter.GroupBy(r => r.Scenario))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th>{Esc(byScenario.Key)}</th>");
                foreach (string p in providers)
                {
                    html.Append("<td>");
                    foreach (DemoRow r in byScenario.Where(r => r.Provider == p))
                    {
                        html.Append(Card(r));
                    }

                    html.Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static string Card(DemoRow r)
    {
        if (r.Thumbnail is null)
        {
            return $"<div class=\"card bad\">failed: {Esc(r.Error ?? r.Status)}</div>";
        }

        string distance = r.FaceDistance is { } d
            ? $"<span class=\"{(d < 0.6 ? "good" : "bad")}\">face distance {d.ToString("0.000", CultureInfo.InvariantCulture)}</span>"
            : r.FaceDetected == false ? "<span class=\"bad\">no face found</span>" : "face distance n/a";
        return $"""
            <div class="card"><a href="{Esc(r.Image!)}"><img src="{Esc(r.Thumbnail)}" alt="{Esc(r.Scenario)}" loading="lazy"></a>
            <div class="meta">{distance}<br>{(r.LatencyMs ?? 0).ToString("0", CultureInfo.InvariantCulture)} ms · ${r.CostUsd.ToString("0.0000", CultureInfo.InvariantCulture)}{(r.Cached ? " · cached" : "")}{(r.SimIdentity is null ? "" : $" · sim: {Esc(r.SimIdentity)}")}</div>
            <div class="prompt" title="{Esc(r.Prompt)}">{Esc(r.Prompt)}</div></div>
            """;
    }

    private static string Esc(string value) => WebUtility.HtmlEncode(value);
}
