using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>A whole HTTP answer, built before anything is written so a fault can still replace it.</summary>
internal sealed record FalReply(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>For streamed answers (server-sent events): writes the body after the headers, in place of <see cref="Body"/>.</summary>
    public Func<Stream, CancellationToken, Task>? Streamer { get; init; }

    public static FalReply Json(int status, JsonNode? body, string? requestId = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        var all = new Dictionary<string, string>(headers ?? NoHeaders, StringComparer.OrdinalIgnoreCase);
        if (requestId is not null)
        {
            all["x-fal-request-id"] = requestId;
        }

        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        return new FalReply(status, bytes, "application/json", all);
    }

    /// <summary>fal's plain error shape, <c>{"detail": "..."}</c>.</summary>
    public static FalReply Detail(int status, string detail, string? requestId = null) =>
        Json(status, new JsonObject { ["detail"] = detail }, requestId);

    public static FalReply Bytes(byte[] body, string contentType) => new(200, body, contentType, NoHeaders);
}
