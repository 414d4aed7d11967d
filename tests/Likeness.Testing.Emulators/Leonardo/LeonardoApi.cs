using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Http;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// The emulated REST API (<c>/api/rest/v1/</c>): generations (create with the documented field rules, poll,
/// delete), init-image presigning, rate and pending limits. Errors use <c>{"error", "path", "code"}</c>.
/// </summary>
internal sealed class LeonardoApi(LeonardoEmulatorOptions options, Uri storageUri, LeonardoRenderer renderer)
{
    private readonly ConcurrentDictionary<string, LeonardoGeneration> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LeonardoUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private readonly Queue<DateTimeOffset> _window = new();
    private readonly Lock _gate = new();

    public IEnumerable<LeonardoGeneration> Generations => _order.Select(id => _generations[id]);

    public IEnumerable<LeonardoUpload> Uploads => _uploads.Values;

    public LeonardoUpload? UploadByPolicy(string policy) => _uploads.Values.FirstOrDefault(u => u.Policy == policy);

    public LeonardoGeneration? Generation(string id) => _generations.GetValueOrDefault(id);

    public FalReply Handle(FalHttpRequest request)
    {
        string[] path = request.Segments;
        return (request.Method, path) switch
        {
            ("POST", ["generations"]) => Create(request),
            ("GET", ["generations", var id]) => Read(id),
            ("DELETE", ["generations", var id]) => Delete(id),
            ("POST", ["init-image"]) => Presign(request),
            ("GET", ["init-image", var id]) => ReadInitImage(id),
            ("DELETE", ["init-image", var id]) => DeleteInitImage(id),
            _ => Error(404, "Not found.", "not-found"),
        };
    }

    /// <summary>The generation as <c>GET /generations/{id}</c> shows it (also the callback's <c>data.object</c>, with <c>images</c>).</summary>
    public JsonObject View(LeonardoGeneration generation, string imagesField, bool pending = false)
    {
        DateTimeOffset now = options.Time.GetUtcNow();
        string status = pending ? "PENDING" : generation.StatusAt(now);
        JsonElement input = generation.Input;
        return new JsonObject
        {
            ["id"] = generation.Id,
            ["status"] = status,
            ["prompt"] = input.GetProperty("prompt").GetString(),
            ["negativePrompt"] = input.TryGetProperty("negative_prompt", out JsonElement n) ? n.GetString() : null,
            ["modelId"] = input.GetProperty("modelId").GetString(),
            ["seed"] = generation.Seed,
            ["imageWidth"] = generation.Int("width", 1024),
            ["imageHeight"] = generation.Int("height", 768),
            ["createdAt"] = generation.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["public"] = false,
            [imagesField] = status == "COMPLETE" ? generation.Images(() => renderer.Render(generation, _uploads)) : new JsonArray(),
        };
    }

    private FalReply Create(FalHttpRequest request)
    {
        if (request.JsonBody() is not { ValueKind: JsonValueKind.Object } body)
        {
            return Error(400, "The body is not a JSON object.", "parse-failed");
        }

        if (Validate(body) is { } problem)
        {
            return Error(400, problem, "validation-failed");
        }

        DateTimeOffset now = options.Time.GetUtcNow();
        lock (_gate)
        {
            while (_window.Count > 0 && now - _window.Peek() >= TimeSpan.FromMinutes(1))
            {
                _window.Dequeue();
            }

            if (_window.Count >= options.GenerationsPerMinute)
            {
                return Error(429, $"Rate limit reached: {options.GenerationsPerMinute} generation requests per minute.", "rate-limit");
            }

            if (_generations.Values.Count(g => g.StatusAt(now) == "PENDING") >= options.PendingLimit)
            {
                return Error(429, $"Too many pending generations (limit {options.PendingLimit}).", "queue-limit");
            }

            _window.Enqueue(now);
            var generation = new LeonardoGeneration(Guid.NewGuid().ToString(), body, now, now + options.RunDuration, options.FailWhen?.Invoke(body) == true, options.PendingReads);
            _generations[generation.Id] = generation;
            _order.Enqueue(generation.Id);
            int images = generation.Int("num_images", 1);
            decimal amount = options.CostPerImage * images;
            return FalReply.Json(200, new JsonObject
            {
                ["sdGenerationJob"] = new JsonObject
                {
                    ["generationId"] = generation.Id,
                    ["apiCreditCost"] = options.CostUnit == "CREDITS" ? amount : null,
                    ["cost"] = new JsonObject { ["amount"] = amount.ToString("0.##########", CultureInfo.InvariantCulture), ["unit"] = options.CostUnit },
                },
            });
        }
    }

    private FalReply Read(string id)
    {
        LeonardoGeneration? generation = Generation(id);
        return FalReply.Json(200, new JsonObject
        {
            ["generations_by_pk"] = generation is null || generation.Deleted ? null : View(generation, "generated_images", generation.TakePendingRead()),
        });
    }

    private FalReply Delete(string id)
    {
        if (Generation(id) is not { Deleted: false } generation)
        {
            return Error(404, $"Generation {id} not found.", "not-found");
        }

        generation.Deleted = true;
        return FalReply.Json(200, new JsonObject { ["delete_generations_by_pk"] = new JsonObject { ["id"] = id } });
    }

    private FalReply Presign(FalHttpRequest request)
    {
        string? extension = request.JsonBody() is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("extension", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (extension is not ("png" or "jpg" or "jpeg" or "webp"))
        {
            return Error(400, "extension must be one of png, jpg, jpeg, webp.", "validation-failed");
        }

        string id = Guid.NewGuid().ToString();
        string key = $"init-images/{id}.{extension}";
        string policy = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var upload = new LeonardoUpload(id, extension, key, policy, options.Time.GetUtcNow() + options.UploadExpiry);
        _uploads[id] = upload;
        var fields = new JsonObject
        {
            ["Content-Type"] = extension == "png" ? "image/png" : extension == "webp" ? "image/webp" : "image/jpeg",
            ["bucket"] = "emulated-leonardo-init-images",
            ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256",
            ["X-Amz-Credential"] = "EMULATED/us-east-1/s3/aws4_request",
            ["X-Amz-Date"] = options.Time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            ["key"] = key,
            ["Policy"] = policy,
            ["X-Amz-Signature"] = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(policy))),
        };
        return FalReply.Json(200, new JsonObject
        {
            ["uploadInitImage"] = new JsonObject
            {
                ["id"] = id,
                ["url"] = storageUri.AbsoluteUri,
                ["fields"] = fields.ToJsonString(),
                ["key"] = key,
            },
        });
    }

    private FalReply ReadInitImage(string id) => FalReply.Json(200, new JsonObject
    {
        ["init_images_by_pk"] = _uploads.GetValueOrDefault(id) is { Deleted: false } u
            ? new JsonObject { ["id"] = u.Id, ["url"] = u.Bytes is null ? null : new Uri(storageUri, u.Key).AbsoluteUri }
            : null,
    });

    private FalReply DeleteInitImage(string id)
    {
        if (_uploads.GetValueOrDefault(id) is not { Deleted: false } upload)
        {
            return Error(404, $"Init image {id} not found.", "not-found");
        }

        upload.Deleted = true;
        return FalReply.Json(200, new JsonObject { ["delete_init_image_by_pk"] = new JsonObject { ["id"] = id } });
    }

    /// <summary>The first rule the body breaks (providers.md §4), or null.</summary>
    private string? Validate(JsonElement body)
    {
        if (!body.TryGetProperty("prompt", out JsonElement prompt) || prompt.ValueKind != JsonValueKind.String || prompt.GetString()!.Length == 0)
        {
            return "prompt is required.";
        }

        if (!body.TryGetProperty("modelId", out JsonElement model) || model.ValueKind != JsonValueKind.String)
        {
            return "modelId is required by this emulator (it renders Kino XL Character Reference shots).";
        }

        int width = IntOr(body, "width", 1024), height = IntOr(body, "height", 768);
        foreach ((string name, int side) in new[] { ("width", width), ("height", height) })
        {
            if (side is < 32 or > 1536 || side % 8 != 0)
            {
                return $"{name} must be 32 to 1536 and a multiple of 8 (got {side}).";
            }
        }

        int count = IntOr(body, "num_images", 4), most = Math.Max(width, height) > 768 ? 4 : 8;
        if (count < 1 || count > most)
        {
            return $"num_images must be 1 to {most} at {width}x{height} (got {count}).";
        }

        if (IntOr(body, "num_inference_steps", 15) is < 10 or > 60)
        {
            return "num_inference_steps must be 10 to 60.";
        }

        if (body.TryGetProperty("guidance_scale", out JsonElement g) && (!g.TryGetDouble(out double guidance) || guidance is < 1 or > 20))
        {
            return "guidance_scale must be 1 to 20.";
        }

        if (body.TryGetProperty("seed", out JsonElement s) && (!s.TryGetInt64(out long seed) || seed is < 0 or > 9999999998))
        {
            return "seed must be 0 to 9999999998.";
        }

        return body.TryGetProperty("controlnets", out JsonElement nets) ? ValidateControlNets(nets) : null;
    }

    private string? ValidateControlNets(JsonElement nets)
    {
        if (nets.ValueKind != JsonValueKind.Array)
        {
            return "controlnets must be an array.";
        }

        foreach (JsonElement net in nets.EnumerateArray())
        {
            string? id = net.TryGetProperty("initImageId", out JsonElement i) ? i.GetString() : null;
            string? type = net.TryGetProperty("initImageType", out JsonElement t) ? t.GetString() : null;
            bool hasStrength = net.TryGetProperty("strengthType", out JsonElement strength);
            bool hasWeight = net.TryGetProperty("weight", out JsonElement weight);
            if (type != "UPLOADED" || id is null || _uploads.GetValueOrDefault(id) is not { Bytes: not null, Deleted: false })
            {
                return $"controlnets: init image {id} (type {type}) is not an uploaded image.";
            }

            if (!net.TryGetProperty("preprocessorId", out JsonElement p) || !p.TryGetInt32(out int preprocessor) || preprocessor != 133)
            {
                return "controlnets: this emulator knows only preprocessorId 133 (Character Reference).";
            }

            if (hasStrength == hasWeight)
            {
                return "controlnets: give strengthType or weight, not both and not neither.";
            }

            if (hasStrength && strength.GetString() is not ("Low" or "Mid" or "High"))
            {
                return "controlnets: Character Reference takes strengthType Low, Mid or High.";
            }

            if (hasWeight && (!weight.TryGetDouble(out double w) || w is < 0 or > 2))
            {
                return "controlnets: weight must be 0 to 2.";
            }
        }

        return null;
    }

    private static int IntOr(JsonElement body, string name, int fallback) =>
        body.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int n) ? n : fallback;

    private static FalReply Error(int status, string message, string code) =>
        FalReply.Json(status, new JsonObject { ["error"] = message, ["path"] = "$", ["code"] = code });
}
