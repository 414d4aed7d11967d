using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Replicate;

/// <summary>
/// A Replicate call failed: the HTTP status, Replicate's error body and <c>detail</c>, and the prediction or
/// training id when there is one. The one exception type of <see cref="ReplicateClient"/>.
/// </summary>
public sealed class ReplicateException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public ReplicateException(
        string message, int? status = null, string? predictionId = null, string? body = null, bool retriable = false, bool outcomeUnknown = false, Exception? innerException = null)
        : base(ReplicateDescriptor.Name, message, status, predictionId, retriable, innerException, outcomeUnknown)
    {
        Body = body;
    }

    /// <summary>Replicate's raw error body, when there was one.</summary>
    public string? Body { get; }

    /// <summary>The prediction or training id, when known.</summary>
    public string? PredictionId => RequestId;

    /// <summary>Builds the exception for a non-success answer; the message carries Replicate's <c>detail</c> (or <c>title</c>).</summary>
    public static ReplicateException FromResponse(int status, string? body, string? predictionId, string what)
    {
        string? detail = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    detail = Text(doc.RootElement, "detail") ?? Text(doc.RootElement, "title") ?? Text(doc.RootElement, "error");
                }
            }
            catch (JsonException)
            {
                detail = body.Length > 300 ? body[..300] : body;
            }
        }

        bool retriable = status is 429 or >= 500;
        return new ReplicateException($"{what} failed with HTTP {status}: {detail ?? "no details"}", status, predictionId, body, retriable);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) ? (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) : null;
}
