namespace Likeness.Testing.Emulators.Stability;

/// <summary>A generation the emulator made and charged: the endpoint, the form fields, whether an image came with it, and its finish reason.</summary>
/// <param name="Endpoint">The path, e.g. <c>v2beta/stable-image/generate/sd3</c>.</param>
/// <param name="Fields">The multipart text fields.</param>
/// <param name="ImageBytes">Size of the <c>image</c> part (0 when none).</param>
/// <param name="Accept">The accept header it was answered for.</param>
/// <param name="FinishReason"><c>SUCCESS</c> or <c>CONTENT_FILTERED</c>.</param>
/// <param name="Kept">Ground truth: whether the image shows the person of the input image.</param>
public sealed record StabilityEmulatedRequest(string Endpoint, IReadOnlyDictionary<string, string> Fields, int ImageBytes, string Accept, string FinishReason, bool Kept);
