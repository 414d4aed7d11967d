using System.Text.Json;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>A request as the emulated hosts see it: method, path relative to the host, query, headers, raw body.</summary>
internal sealed record FalHttpRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? ContentType => Header("Content-Type");

    /// <summary>The Authorization header, or empty.</summary>
    public string Authorization => Header("Authorization") ?? "";

    public string[] Segments { get; } = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public string? QueryValue(string name) => Query.GetValueOrDefault(name);

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    /// <summary>The body as JSON (an empty body reads as <c>{}</c>), or null when it is not JSON.</summary>
    public JsonElement? JsonBody()
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(Body.Length == 0 ? "{}"u8.ToArray() : Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
