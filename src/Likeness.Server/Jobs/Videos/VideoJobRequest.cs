namespace Likeness.Server.Jobs.Videos;

/// <summary>Make a video of a pinned character in the background.</summary>
/// <param name="Provider">A provider that makes element video (fal's Kling O1; <c>GET /api/providers</c>).</param>
/// <param name="Prompt">What happens in the clip.</param>
/// <param name="Pin">The pin (id or unique id prefix); default: the character's newest.</param>
/// <param name="DurationSeconds">Its length in seconds (default 5; the provider's own limits apply).</param>
/// <param name="AspectRatio">16:9 (default), 9:16 or 1:1.</param>
public sealed record VideoJobRequest(string? Provider, string? Prompt, string? Pin, int? DurationSeconds, string? AspectRatio);

/// <summary>What a video job keeps as its input: the pin resolved when it was accepted.</summary>
internal sealed record VideoJobInput(Guid CharacterId, Guid PinId, string Provider, string Prompt, int DurationSeconds, string AspectRatio);
