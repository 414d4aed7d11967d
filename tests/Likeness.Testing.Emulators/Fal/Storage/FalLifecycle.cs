using System.Text.Json;

namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>
/// fal's object lifecycle headers (<c>X-Fal-Object-Lifecycle-Preference</c> on submit, <c>X-Fal-Object-Lifecycle</c>
/// on upload initiate): JSON <c>{"expiration_duration_seconds": N, ...}</c>. Only the expiration is honoured.
/// </summary>
internal static class FalLifecycle
{
    public const string SubmitHeader = "X-Fal-Object-Lifecycle-Preference";

    /// <summary>The requested lifetime, or null when the header is absent or unreadable.</summary>
    public static TimeSpan? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(header);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("expiration_duration_seconds", out JsonElement seconds)
                && seconds.TryGetDouble(out double value) && value >= 0
                    ? TimeSpan.FromSeconds(value)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
