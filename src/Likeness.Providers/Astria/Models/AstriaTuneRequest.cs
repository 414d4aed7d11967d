namespace Likeness.Providers.Astria.Models;

/// <summary>A file sent with a tune (<c>tune[images][]</c>).</summary>
public sealed record AstriaUpload(string FileName, ReadOnlyMemory<byte> Bytes, string ContentType);

/// <summary><c>POST /tunes</c>: sent as <c>multipart/form-data</c> with Rails-style keys (<c>tune[title]</c> …).</summary>
public sealed record AstriaTuneRequest
{
    /// <summary>The class word (<c>name</c>, required): <c>man</c>, <c>woman</c>, <c>person</c> ….</summary>
    public required string Name { get; init; }

    /// <summary>The title (required): a transaction UUID, the idempotency key when the account has idempotency on.</summary>
    public required string Title { get; init; }

    /// <summary>Images uploaded with the request.</summary>
    public IReadOnlyList<AstriaUpload> Images { get; init; } = [];

    /// <summary>Image URLs Astria fetches instead.</summary>
    public IReadOnlyList<string> ImageUrls { get; init; } = [];

    /// <summary>Where Astria POSTs the tune when training ends.</summary>
    public Uri? Callback { get; init; }

    /// <summary><c>flux1</c>, <c>sd15</c>, <c>sdxl1</c> or <c>fast</c>.</summary>
    public string? Branch { get; init; }

    /// <summary>The base model: Flux1.dev is 1504944.</summary>
    public long? BaseTuneId { get; init; }

    /// <summary><c>lora</c>, <c>pti</c>, <c>faceid</c> or null (checkpoint).</summary>
    public string? ModelType { get; init; }

    /// <summary><c>flux-lora-portrait</c> (recommended), <c>flux-lora-focus</c>, <c>flux-lora-fast</c>, or null.</summary>
    public string? Preset { get; init; }

    /// <summary>The subject token prompts use.</summary>
    public string? Token { get; init; }

    /// <summary>Crop training images to the face.</summary>
    public bool? FaceCrop { get; init; }

    /// <summary>Training steps (Astria chooses when null).</summary>
    public int? Steps { get; init; }
}
