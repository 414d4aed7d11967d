namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>A request as the emulated hosts see it: method, path relative to the host, query, headers, raw body.</summary>
internal sealed record FalHttpRequest(string Method, string Path, IReadOnlyDictionary<string, string> Query, byte[] Body, string? ContentType)
{
    public string[] Segments { get; } = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public string? QueryValue(string name) => Query.GetValueOrDefault(name);
}
