namespace Likeness.Providers.Fal.Models;

/// <summary>Input of <c>fal-ai/kling-video/o1/reference-to-video</c>; at most 7 images in all.</summary>
public sealed record KlingReferenceToVideoInput
{
    /// <summary>What happens; refer to elements as <c>@Element1</c> and images as <c>@Image1</c>.</summary>
    public required string Prompt { get; init; }

    /// <summary>Characters or objects kept consistent.</summary>
    public IReadOnlyList<KlingElement>? Elements { get; init; }

    /// <summary>Style or appearance references.</summary>
    public IReadOnlyList<string>? ImageUrls { get; init; }

    /// <summary>Seconds, <c>"3"</c> to <c>"10"</c> (a string enum; default <c>"5"</c>).</summary>
    public string? Duration { get; init; }

    /// <summary><c>16:9</c> (default), <c>9:16</c> or <c>1:1</c>.</summary>
    public string? AspectRatio { get; init; }
}

/// <summary>A Kling element: a frontal image and one to three references.</summary>
public sealed record KlingElement(string FrontalImageUrl, IReadOnlyList<string> ReferenceImageUrls);

/// <summary>Output of Kling video apps.</summary>
public sealed record FalVideoOutput
{
    /// <summary>The video.</summary>
    public required FalFile Video { get; init; }
}
