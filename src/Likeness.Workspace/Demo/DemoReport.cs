using System.Globalization;
using System.Net;
using System.Text;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Calibration;
using Likeness.Workspace.Studies.Reporting.Html;

namespace Likeness.Workspace.Demo;

/// <summary>Writes the demo's index.html: a self-contained gallery per character (the study's report.html has the analysis).</summary>
internal static class DemoReport
{
    /// <summary>Writes index.html for <paramref name="rows"/> (judged: identity_pass set) against the study's <paramref name="calibration"/>.</summary>
    public static Task WriteAsync(IReadOnlyList<StudyShotResult> rows, ThresholdCalibration calibration, string folder, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(folder, "index.html"), Html(rows, calibration), cancellationToken);

    private static string Html(IReadOnlyList<StudyShotResult> rows, ThresholdCalibration calibration)
    {
        string rule = calibration.Threshold is { } tau
            ? $"green at or below the identity threshold τ = {tau.ToString("0.000", CultureInfo.InvariantCulture)} (calibrated by the study on {calibration.GenuineCount} genuine and {calibration.ImpostorCount} impostor pairs), red above it"
            : $"not coloured: the identity threshold is not calibrated ({Esc(calibration.Reason ?? "no samples.")})";
        var html = new StringBuilder();
        html.Append($$"""
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
            face engine's descriptor distance from the shot's largest face to the character's references (mean); {{rule}}. Latency and cost are the simulator's
            models of the real providers. The study's analysis (calibration, statistics, scorecard) is in
            <a href="report.html">report.html</a>.</p>
            """);
        foreach (var byCharacter in rows.GroupBy(r => r.Character))
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
                    foreach (StudyShotResult r in byScenario.Where(r => r.Provider == p))
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

    private static string Card(StudyShotResult r)
    {
        if (r.Thumbnail is null)
        {
            return $"<div class=\"card bad\">failed: {Esc(r.Error ?? r.Status)}</div>";
        }

        if (ReportLink.Safe(r.Thumbnail) is not { } thumbnail)
        {
            return "<div class=\"card bad\">image not shown: its path leaves the report's folder</div>";
        }

        string distance = r.FaceDistance is { } d
            ? $"<span class=\"{(r.IdentityPass == true ? "good" : "bad")}\">face distance {d.ToString("0.000", CultureInfo.InvariantCulture)}</span>"
            : r.FaceDetected == false ? "<span class=\"bad\">no face found</span>" : "face distance n/a";
        return $"""
            <div class="card"><a href="{Esc(ReportLink.Safe(r.Image) ?? thumbnail)}"><img src="{Esc(thumbnail)}" alt="{Esc(r.Scenario)}" loading="lazy"></a>
            <div class="meta">{distance}<br>{(r.LatencyMs ?? 0).ToString("0", CultureInfo.InvariantCulture)} ms · ${(r.CostUsd ?? 0).ToString("0.0000", CultureInfo.InvariantCulture)}{(r.Cached ? " · cached" : "")}{(r.SimIdentity is null ? "" : $" · sim: {Esc(r.SimIdentity)}")}</div>
            <div class="prompt" title="{Esc(r.Prompt)}">{Esc(r.Prompt)}</div></div>
            """;
    }

    private static string Esc(string value) => WebUtility.HtmlEncode(value);
}
