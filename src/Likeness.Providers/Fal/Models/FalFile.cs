namespace Likeness.Providers.Fal.Models;

/// <summary>A file fal returned (<c>File</c>): its URL expires with fal's media retention, so copy it at once.</summary>
public record FalFile
{
    /// <summary>Where it is served.</summary>
    public required string Url { get; init; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>File name.</summary>
    public string? FileName { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? FileSize { get; init; }
}

/// <summary>An image fal returned (<c>Image</c>).</summary>
public sealed record FalImage : FalFile
{
    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }
}

/// <summary><c>image_size</c> as explicit pixels (the presets' pixel sizes are not documented, so Likeness always sends these).</summary>
public sealed record FalImageSize(int Width, int Height);
