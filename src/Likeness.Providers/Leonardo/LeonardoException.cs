using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Leonardo;

/// <summary>
/// A Leonardo call failed: the HTTP status, Leonardo's error text and the generation id when known. The one
/// exception type of <see cref="LeonardoClient"/>.
/// </summary>
public sealed class LeonardoException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public LeonardoException(
        string message, int? status = null, string? generationId = null, string? body = null, bool retriable = false, bool outcomeUnknown = false, Exception? innerException = null)
        : base(LeonardoDescriptor.Name, message, status, generationId, retriable, innerException, outcomeUnknown)
    {
        Body = body;
    }

    /// <summary>Leonardo's raw error body, when there was one.</summary>
    public string? Body { get; }

    /// <summary>Builds the exception for a non-success answer (<c>{"error": "...", "code": "..."}</c> or any text).</summary>
    public static LeonardoException FromResponse(int status, string? body, string what, string? generationId = null)
    {
        string detail = "no details";
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                detail = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out JsonElement error)
                    ? error.ValueKind == JsonValueKind.String ? error.GetString() ?? detail : error.GetRawText()
                    : Cut(body);
            }
            catch (JsonException)
            {
                detail = Cut(body);
            }
        }

        return new LeonardoException($"{what} failed with HTTP {status}: {detail}", status, generationId, body, retriable: status is 429 or >= 500);
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] : text;
}
