using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Fal;

/// <summary>
/// A fal call failed: the HTTP status, fal's error body, the request id, fal's <c>error_type</c> and, for a
/// 422, the validation details. The one exception type of <see cref="FalClient"/>.
/// </summary>
public sealed class FalException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public FalException(
        string message, int? status = null, string? requestId = null, string? body = null, string? errorType = null,
        IReadOnlyList<FalValidationError>? validationErrors = null, bool retriable = false, bool outcomeUnknown = false, Exception? innerException = null)
        : base(FalProvider.Name, message, status, requestId, retriable, innerException, outcomeUnknown)
    {
        Body = body;
        ErrorType = errorType;
        ValidationErrors = validationErrors ?? [];
    }

    /// <summary>fal's raw error body, when there was one.</summary>
    public string? Body { get; }

    /// <summary>fal's machine-readable category (<c>X-Fal-Error-Type</c> or the body's <c>error_type</c>).</summary>
    public string? ErrorType { get; }

    /// <summary>The <c>detail</c> entries of a validation error (422).</summary>
    public IReadOnlyList<FalValidationError> ValidationErrors { get; }

    /// <summary>Builds the exception for a non-success answer.</summary>
    public static FalException FromResponse(int status, string? body, string? requestId, string? headerErrorType, string what)
    {
        string? errorType = headerErrorType;
        var details = new List<FalValidationError>();
        string? detailText = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body);
                JsonElement root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("error_type", out JsonElement et) && et.ValueKind == JsonValueKind.String)
                    {
                        errorType ??= et.GetString();
                    }

                    if (root.TryGetProperty("detail", out JsonElement detail))
                    {
                        (detailText, details) = ReadDetail(detail);
                    }
                    else if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
                    {
                        detailText = error.GetString();
                    }
                }
            }
            catch (JsonException)
            {
                detailText = body.Length > 300 ? body[..300] : body;
            }
        }

        string summary = details.Count > 0
            ? string.Join("; ", details.Select(d => $"{string.Join('.', d.Location)}: {d.Message}"))
            : detailText ?? "no details";
        bool retriable = status is 429 or 500 or 502 or 503 or 504;
        return new FalException($"{what} failed with HTTP {status}{(errorType is null ? "" : $" ({errorType})")}: {summary}", status, requestId, body, errorType, details, retriable);
    }

    private static (string? Text, List<FalValidationError> Details) ReadDetail(JsonElement detail)
    {
        var details = new List<FalValidationError>();
        if (detail.ValueKind == JsonValueKind.String)
        {
            // fal-js normalises a string detail to one entry without location.
            string text = detail.GetString() ?? "";
            details.Add(new FalValidationError([], text, null));
            return (text, details);
        }

        if (detail.ValueKind != JsonValueKind.Array)
        {
            return (detail.GetRawText(), details);
        }

        foreach (JsonElement item in detail.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var location = item.TryGetProperty("loc", out JsonElement loc) && loc.ValueKind == JsonValueKind.Array
                ? loc.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetRawText()).ToList()
                : [];
            string message = item.TryGetProperty("msg", out JsonElement msg) ? msg.GetString() ?? "" : "";
            string? type = item.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
            details.Add(new FalValidationError(location, message, type));
        }

        return (null, details);
    }
}

/// <summary>One entry of a 422's <c>detail</c>: where (<c>loc</c>, e.g. body.prompt), what (<c>msg</c>), and fal's <c>type</c>.</summary>
public sealed record FalValidationError(IReadOnlyList<string> Location, string Message, string? Type);
