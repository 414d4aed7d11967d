using System.Globalization;
using Likeness.Core.Videos;

namespace Likeness.Cli.Commands.Videos;

/// <summary>How <c>video list</c> and <c>video show</c> print a video and its identity check.</summary>
internal static class VideoJson
{
    public static object Of(Video v) => new
    {
        video_id = v.Id,
        pin_id = v.PinId,
        provider = v.Provider,
        status = v.Status.ToString().ToLowerInvariant(),
        prompt = v.Prompt,
        duration_s = v.ActualSeconds ?? v.DurationSeconds,
        aspect_ratio = v.AspectRatio,
        cost_usd = v.CostUsd,
        simulated = v.Simulated,
        error = v.Error,
        identity = new
        {
            @checked = v.IdentityChecked,
            note = v.IdentityNote,
            detection_rate = v.IdentityDetectionRate,
            kept_rate = v.IdentityKeptRate,
            median_distance = v.IdentityMedianDistance,
            threshold = v.IdentityThreshold,
            breaks = v.IdentityBreaks,
        },
        created_at = v.CreatedAt,
    };

    /// <summary>One line: the check's numbers, or why there are none.</summary>
    public static string Identity(Video v) => v switch
    {
        { Status: not VideoStatus.Succeeded } => v.Error ?? "",
        { IdentityChecked: false } => v.IdentityNote ?? "not checked",
        { IdentityKeptRate: { } kept } => string.Create(CultureInfo.InvariantCulture,
            $"face in {v.IdentityDetectionRate * 100:0.#} % of frames, kept in {kept * 100:0.#} %, median {v.IdentityMedianDistance:0.000} (τ {v.IdentityThreshold:0.000}), {v.IdentityBreaks} break(s)"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"face in {v.IdentityDetectionRate * 100:0.#} % of frames, median {v.IdentityMedianDistance:0.000}, not judged ({v.IdentityNote})"),
    };
}
