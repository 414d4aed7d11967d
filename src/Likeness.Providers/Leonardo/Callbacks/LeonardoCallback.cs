using System.Text.Json;
using Likeness.Providers.Leonardo.Models;

namespace Likeness.Providers.Leonardo.Callbacks;

/// <summary>
/// A webhook callback's content: the event type and the generation it carries. The envelope is UNCONFIRMED in the
/// sources (they name the event <c>image_generation.complete</c> and say the payload is the generation); Likeness reads
/// <c>{"type", "object", "timestamp", "api_version", "data": {"object": {"id", "status", "images": [{"id", "url", "nsfw"}], ...}}}</c>.
/// </summary>
public sealed record LeonardoCallback(string Type, LeonardoGeneration Generation)
{
    /// <summary>The documented event.</summary>
    public const string ImageGenerationComplete = "image_generation.complete";

    /// <summary>Reads a callback body; throws <see cref="JsonException"/> when it is not one.</summary>
    public static LeonardoCallback Parse(ReadOnlySpan<byte> body)
    {
        using JsonDocument doc = JsonDocument.Parse(body.ToArray());
        JsonElement root = doc.RootElement;
        string type = root.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new JsonException("The callback has no type.");
        if (!root.TryGetProperty("data", out JsonElement data) || !data.TryGetProperty("object", out JsonElement item) || item.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The callback has no data.object.");
        }

        string id = item.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : throw new JsonException("The callback's generation has no id.");
        string status = item.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : LeonardoGeneration.Complete;
        var images = item.TryGetProperty("images", out JsonElement list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<List<LeonardoImage>>(LeonardoJson.Options) ?? []
            : [];
        long? seed = item.TryGetProperty("seed", out JsonElement seedValue) && seedValue.TryGetInt64(out long n) ? n : null;
        return new LeonardoCallback(type, new LeonardoGeneration { Id = id, Status = status, GeneratedImages = images, Seed = seed });
    }
}
