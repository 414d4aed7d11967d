using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Providers.Astria;

/// <summary>
/// An Astria call failed: the HTTP status, Astria's error body and, for a 422, its validation messages. The one
/// exception type of <see cref="AstriaClient"/>.
/// </summary>
public sealed class AstriaException : ProviderException
{
    /// <summary>Creates the exception.</summary>
    public AstriaException(
        string message, int? status = null, string? requestId = null, string? body = null, bool retriable = false, bool outcomeUnknown = false, Exception? innerException = null)
        : base(AstriaDescriptor.Name, message, status, requestId, retriable, innerException, outcomeUnknown)
    {
        Body = body;
    }

    /// <summary>Astria's raw error body, when there was one.</summary>
    public string? Body { get; }

    /// <summary>
    /// Builds the exception for a non-success answer. A 422 body (Rails validation: <c>{"field": ["message"]}</c>,
    /// or <c>{"error": "…"}</c>) is summarised into the message; 422 is never retriable.
    /// </summary>
    public static AstriaException FromResponse(int status, string? body, string what)
    {
        string summary = Summarise(body);
        // A 504 is passing too: for a read (the one kind of request it can reach; a submission's 5xx is made ambiguous) it says nothing of the job.
        bool retriable = status is 429 or >= 500;
        return new AstriaException($"{what} failed with HTTP {status}: {summary}", status, body: body, retriable: retriable);
    }

    private static string Summarise(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "no details";
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            JsonElement root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var parts = new List<string>();
                foreach (JsonProperty field in root.EnumerateObject())
                {
                    string text = field.Value.ValueKind switch
                    {
                        JsonValueKind.String => field.Value.GetString()!,
                        JsonValueKind.Array => string.Join(", ", field.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                        _ => field.Value.GetRawText(),
                    };
                    parts.Add(field.Name is "error" or "message" ? text : $"{field.Name}: {text}");
                }

                return parts.Count == 0 ? "no details" : string.Join("; ", parts);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML gateway page): the start of it says enough.
        }

        return body.Length > 300 ? body[..300] : body;
    }
}
