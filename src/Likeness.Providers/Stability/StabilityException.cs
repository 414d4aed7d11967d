using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Stability;

/// <summary>
/// A Stability call failed: the HTTP status, Stability's error <c>name</c> and <c>errors</c>, and its error <c>id</c>.
/// The one exception type of <see cref="StabilityClient"/>. 403 (content moderation), 413 (body over 10 MiB) and
/// 429 (rate limit) carry messages that say what happened and what to do.
/// </summary>
public sealed class StabilityException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public StabilityException(
        string message, int? status = null, string? errorId = null, string? name = null, IReadOnlyList<string>? errors = null,
        bool retriable = false, bool outcomeUnknown = false, Exception? innerException = null)
        : base(StabilityDescriptor.Name, message, status, errorId, retriable, innerException, outcomeUnknown)
    {
        Name = name;
        Errors = errors ?? [];
    }

    /// <summary>Stability's error name (<c>content_moderation</c>, <c>payload_too_large</c>, <c>bad_request</c>...).</summary>
    public string? Name { get; }

    /// <summary>Stability's <c>errors</c> entries.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>True for a 403 from Stability's content moderation.</summary>
    public bool IsModeration => Status == 403;

    /// <summary>Only a 401: Stability's 403 is its content moderation refusing one request, not the key.</summary>
    public override bool KeyRefused => KeySent && Status == 401;

    /// <summary>Builds the exception for a non-success answer to <paramref name="what"/>.</summary>
    public static StabilityException FromResponse(int status, string? body, string what)
    {
        (string? id, string? name, List<string> errors) = Read(body);
        string details = errors.Count > 0 ? string.Join("; ", errors) : name ?? "no details";
        string message = status switch
        {
            403 => $"{what} was refused by Stability's content moderation (HTTP 403{Named(name)}): {details}. Nothing was generated; change the prompt or the reference image.",
            413 => $"{what} was refused: the request is over Stability's 10 MiB limit (HTTP 413{Named(name)}). Send a smaller reference image.",
            429 => $"{what} was refused by Stability's rate limit (HTTP 429: more than 150 requests in 10 s; the key is then refused for 60 s). Try again in a minute.",
            _ => $"{what} failed with HTTP {status}{Named(name)}: {details}",
        };
        return new StabilityException(message, status, id, name, errors, retriable: status is 429 or 500 or 502 or 503 or 504);
    }

    private static string Named(string? name) => name is null ? "" : $" {name}";

    private static (string? Id, string? Name, List<string> Errors) Read(string? body)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, errors);
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, errors);
            }

            if (root.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                errors.AddRange(list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()));
            }

            return (Text(root, "id"), Text(root, "name"), errors);
        }
        catch (JsonException)
        {
            errors.Add(body.Length > 300 ? body[..300] : body);
            return (null, null, errors);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
