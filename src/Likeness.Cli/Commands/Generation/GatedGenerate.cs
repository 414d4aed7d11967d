using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Gates;
using Likeness.Core.Shots;
using Likeness.Workspace;
using Likeness.Workspace.Gates;

namespace Likeness.Cli.Commands.Generation;

/// <summary>
/// <c>generate --keep N</c>: runs the gate, prints each attempt with its verdict as it lands and then the result
/// (kept, rejected by reason, attempts, spent, cost per kept shot, the calibration used). Exits with failure when
/// fewer than N were kept.
/// </summary>
internal static class GatedGenerate
{
    public static async Task<int> RunAsync(ParseResult parse, LikenessWorkspace workspace, GateRequest request, bool json, CancellationToken ct)
    {
        TextWriter o = parse.InvocationConfiguration.Output;
        GateResult result = await workspace.Gate.RunAsync(
            request, shot => o.WriteLineAsync(json ? CliJson.Serialize(View(workspace, shot)) : Line(workspace, shot)), ct).ConfigureAwait(false);

        CharacterCalibration cal = result.Calibration;
        if (json)
        {
            await o.WriteLineAsync(CliJson.Serialize(Summary(result))).ConfigureAwait(false);
        }
        else
        {
            string reasons = string.Join(", ", result.RejectedBy.Select(r => $"{r.Value} {Reason(r.Key)}"));
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"kept {result.Kept.Count} of {request.Keep} in {result.Attempts} attempt(s); rejected {result.Rejected.Count}{(reasons.Length > 0 ? $" ({reasons})" : "")}; stopped: {Stop(result.Stop)}")).ConfigureAwait(false);
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"spent ${result.SpentUsd:0.0000}; cost per kept shot {(result.CostPerKeptUsd is { } per ? $"${per:0.0000}" : "n/a (none kept)")}")).ConfigureAwait(false);
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"calibration v{cal.Version} ({cal.Metric}, {cal.Model}): threshold {cal.Threshold:0.000} at target FAR {cal.TargetFalseAcceptRate:P1}, measured FAR {cal.FalseAcceptRate:P1} (95 % bound {cal.FalseAcceptRateUpper95:P1}), FRR {cal.FalseRejectRate:P1}; {cal.GenuineCount} genuine, {cal.ImpostorCount} impostor samples")).ConfigureAwait(false);
            if (result.Fallback is { } fallback)
            {
                await o.WriteLineAsync($"note: {fallback}").ConfigureAwait(false);
            }

            foreach (string warning in cal.Warnings)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: warning: {warning}").ConfigureAwait(false);
            }
        }

        if (result.Kept.Count < request.Keep)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"likeness: kept {result.Kept.Count} of {request.Keep}: stopped at {Stop(result.Stop)}.").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    /// <summary>A verdict reason in words.</summary>
    internal static string Reason(VerdictReason reason) => reason switch
    {
        VerdictReason.Kept => "kept",
        VerdictReason.NoFace => "no face",
        VerdictReason.Identity => "identity",
        VerdictReason.CopyPaste => "copy-paste of a reference",
        VerdictReason.Moderated => "moderated",
        VerdictReason.Bleed => "bleed",
        _ => "failed",
    };

    private static string Stop(GateStop stop) => stop switch
    {
        GateStop.Enough => "enough kept",
        GateStop.MaxAttempts => "--max-attempts",
        _ => "--max-cost (the next attempt would pass the cap)",
    };

    private static string Line(LikenessWorkspace workspace, Shot s)
    {
        ShotVerdict v = s.Verdict!;
        string distance = v.Checks.Count > 0 && v.Checks[0] is { Distance: { } d } c ? string.Create(CultureInfo.InvariantCulture, $"{c.Metric} {d:0.000} vs {c.Threshold:0.000}") : "";
        string image = s.Assets.Count > 0 ? workspace.Assets.Locate(s.Assets[0]) : "(no image)";
        string verdict = v.Draft ? (v.Kept ? "draft accepted" : "draft rejected: " + Reason(v.Reason)) : v.Kept ? "KEPT" : "rejected: " + Reason(v.Reason);
        return $"attempt {v.Attempt} seed {s.Request.Seed}{(v.Draft ? string.Create(CultureInfo.InvariantCulture, $" draft {s.Request.Width}x{s.Request.Height}") : "")}: {verdict}{Bleed(v)}  {image}  {distance}  ${s.CostUsd:0.0000}{(s.Simulated ? "  [simulated]" : "")}{GenerateCommand.Routed(s)}";
    }

    /// <summary>What a multi-character shot's cast check found, when it bled.</summary>
    private static string Bleed(ShotVerdict v)
    {
        if (v.Bleed is not { Bled: true } b)
        {
            return "";
        }

        string Name(Guid id) => b.Faces.SelectMany(f => f.Distances).FirstOrDefault(d => d.CharacterId == id)?.Name ?? id.ToString();
        var parts = new List<string>();
        parts.AddRange(b.Duplicated.Select(d => $"{Name(d)} twice"));
        parts.AddRange(b.Missing.Select(m => $"{Name(m)} missing"));
        if (b.Ambiguous > 0)
        {
            parts.Add($"{b.Ambiguous} ambiguous face(s)");
        }

        return $" ({string.Join(", ", parts)})";
    }

    private static object View(LikenessWorkspace workspace, Shot s) => new
    {
        shot_id = s.Id,
        attempt = s.Verdict!.Attempt,
        seed = s.Request.Seed,
        status = s.Status.ToString().ToLowerInvariant(),
        kept = s.Verdict.Kept,
        draft = s.Verdict.Draft,
        reason = Reason(s.Verdict.Reason),
        checks = s.Verdict.Checks.Select(c => new { metric = c.Metric, distance = c.Distance, threshold = c.Threshold, calibration_id = c.CalibrationId }),
        bleed = s.Verdict.Bleed is { } b
            ? new { faces = b.Faces.Count, duplicated = b.Duplicated, missing = b.Missing, ambiguous = b.Ambiguous, margin = b.Margin }
            : null,
        image = s.Assets.Count > 0 ? workspace.Assets.Locate(s.Assets[0]) : null,
        cost_usd = s.CostUsd,
        simulated = s.Simulated,
        provider = s.Provider,
        route = s.Routing is { } r ? new { entry = r.Entry, skipped = r.Skipped.Select(k => new { entry = k.Entry, provider = k.Provider, reason = k.Reason }) } : null,
    };

    private static object Summary(GateResult r) => new
    {
        kept = r.Kept.Count,
        drafts = r.Drafts.Count,
        rejected = r.Rejected.Count,
        rejected_by = r.RejectedBy.ToDictionary(x => Reason(x.Key), x => x.Value),
        attempts = r.Attempts,
        spent_usd = r.SpentUsd,
        cost_per_kept_usd = r.CostPerKeptUsd,
        stop = r.Stop.ToString(),
        cap_id = r.CapId,
        calibration = new
        {
            id = r.Calibration.Id,
            version = r.Calibration.Version,
            metric = r.Calibration.Metric,
            model = r.Calibration.Model,
            threshold = r.Calibration.Threshold,
            target_far = r.Calibration.TargetFalseAcceptRate,
            far = r.Calibration.FalseAcceptRate,
            far_upper95 = r.Calibration.FalseAcceptRateUpper95,
            frr = r.Calibration.FalseRejectRate,
            warnings = r.Calibration.Warnings,
        },
        fallback = r.Fallback,
    };
}
