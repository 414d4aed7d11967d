namespace Likeness.Providers.Stability.Models;

/// <summary>
/// One image Stability returned, from either answer shape: the bytes, the seed it used and its
/// <c>finish_reason</c> (<c>SUCCESS</c>, or <c>CONTENT_FILTERED</c> when moderation blurred it: still HTTP 200, still charged).
/// </summary>
/// <param name="Bytes">The image file.</param>
/// <param name="ContentType">Its media type (image/png, image/jpeg, image/webp).</param>
/// <param name="Seed">The seed used, when Stability said.</param>
/// <param name="FinishReason">Stability's finish reason.</param>
/// <param name="Simulated">True when the answer said it was simulated (<c>likeness-simulated: true</c>, sent by Likeness's emulator only).</param>
public sealed record StabilityImage(byte[] Bytes, string ContentType, long? Seed, string FinishReason, bool Simulated = false)
{
    /// <summary>The finish reason of a normal image.</summary>
    public const string Success = "SUCCESS";

    /// <summary>The finish reason of an image blurred by content moderation.</summary>
    public const string ContentFiltered = "CONTENT_FILTERED";

    /// <summary>True when moderation filtered (blurred) the image.</summary>
    public bool IsFiltered => FinishReason.Equals(ContentFiltered, StringComparison.OrdinalIgnoreCase);
}
