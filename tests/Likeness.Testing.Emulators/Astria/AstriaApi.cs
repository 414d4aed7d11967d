using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Likeness.Imaging;
using Likeness.Testing.Emulators.Fal.Apps;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Astria;

/// <summary>
/// Astria's API routes over the emulator's tunes and prompts (providers.md §3): <c>POST/GET /tunes</c>,
/// <c>GET/DELETE /tunes/:id</c>, <c>POST/GET /tunes/:id/prompts</c>, <c>GET /tunes/:id/prompts/:id</c>. Validation
/// errors are 422 with Rails' <c>{"field": ["message"]}</c>.
/// </summary>
internal sealed partial class AstriaApi(Uri api, AstriaEmulatorOptions options, AstriaRenderer renderer)
{
    /// <summary>The gallery's Flux1.dev base (providers.md §3.1).</summary>
    public const long FluxBase = 1504944;

    private static readonly string[] Branches = ["flux1", "sd15", "sdxl1", "fast"];
    private static readonly Dictionary<string, (int W, int H)> Ratios = new(StringComparer.Ordinal)
    {
        ["1:1"] = (1, 1), ["16:9"] = (16, 9), ["9:16"] = (9, 16), ["21:9"] = (21, 9), ["9:21"] = (9, 21), ["3:2"] = (3, 2),
        ["2:3"] = (2, 3), ["5:4"] = (5, 4), ["4:5"] = (4, 5), ["4:3"] = (4, 3), ["3:4"] = (3, 4),
    };

    private readonly Lock _gate = new();
    private readonly List<EmulatedTune> _tunes = Galleries(options);
    private readonly List<EmulatedPrompt> _prompts = [];
    private long _nextTune = 1000, _nextPrompt = 5000;

    /// <summary>The long side of images made for a named aspect ratio (Astria's are larger; tests do not need them).</summary>
    public int ImageSide { get; set; } = 512;

    public IReadOnlyList<EmulatedTune> Tunes { get { lock (_gate) { return [.. _tunes.Where(t => !t.Gallery)]; } } }

    public IReadOnlyList<EmulatedPrompt> Prompts { get { lock (_gate) { return [.. _prompts]; } } }

    private DateTimeOffset Now => options.Time.GetUtcNow();

    public async Task<AstriaReply> HandleAsync(HttpRequest request)
    {
        string path = request.Path.Value?.TrimStart('/') ?? "";
        path = path.EndsWith(".json", StringComparison.Ordinal) ? path[..^5] : path;
        string[] parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (request.Method == "POST" && parts is ["tunes", var tuneId, "prompts"])
        {
            AstriaForm form = await FormAsync(request, "prompt");
            return WithTune(tuneId, t => CreatePrompt(t, form));
        }

        return (request.Method, parts) switch
        {
            ("POST", ["tunes"]) => CreateTune(await FormAsync(request, "tune")),
            ("GET", ["tunes"]) => ListTunes(request.Query["offset"].ToString()),
            ("GET", ["tunes", var id]) => WithTune(id, t => AstriaReply.Json(200, t.ToJson(Now, api))),
            ("DELETE", ["tunes", var id]) => WithTune(id, Delete),
            ("GET", ["tunes", var id, "prompts"]) => WithTune(id, t => AstriaReply.Json(200, new JsonArray([.. PromptsOf(t.Id).Select(p => (JsonNode)PromptJson(p))]))),
            ("GET", ["tunes", var id, "prompts", var pid]) => WithTune(id, t => WithPrompt(t, pid)),
            _ => AstriaReply.Json(404, new JsonObject { ["error"] = "Not found" }),
        };
    }

    /// <summary>The prompt's JSON, rendering its images first when it is done.</summary>
    public JsonObject PromptJson(EmulatedPrompt prompt)
    {
        if (Now >= prompt.DoneAt)
        {
            renderer.Render(prompt);
        }

        return prompt.ToJson(Now, api);
    }

    /// <summary>The tune's JSON.</summary>
    public JsonObject TuneJson(EmulatedTune tune) => tune.ToJson(Now, api);

    private AstriaReply CreateTune(AstriaForm form)
    {
        var errors = new JsonObject();
        string? name = form.Field("name"), title = form.Field("title"), branch = form.Field("branch"), modelType = form.Field("model_type");
        long? baseTune = form.Long("base_tune_id", errors);
        int? steps = (int?)form.Long("steps", errors);
        Require(errors, "name", name);
        Require(errors, "title", title);
        if (branch is not null && !Branches.Contains(branch))
        {
            errors["branch"] = new JsonArray("is not included in the list");
        }

        if (modelType is not (null or "lora" or "pti" or "faceid"))
        {
            errors["model_type"] = new JsonArray("is not included in the list");
        }

        var photos = new List<Image>();
        foreach (byte[] file in form.Files)
        {
            if (FalImageRenderer.TryDecode(file) is { } photo)
            {
                photos.Add(photo);
            }
            else
            {
                errors["images"] = new JsonArray("contains a file that is not an image");
            }
        }

        if (form.Files.Count + form.List("image_urls").Count == 0)
        {
            errors["images"] = new JsonArray("can't be blank");
        }

        lock (_gate)
        {
            if (baseTune is { } b && !_tunes.Any(t => t.Id == b && t.Exists(Now)))
            {
                errors["base_tune_id"] = new JsonArray("does not exist");
            }

            if (errors.Count > 0)
            {
                return AstriaReply.Json(422, errors);
            }

            if (options.TitleIdempotency && _tunes.Find(t => t.Title == title && t.Exists(Now)) is { } same)
            {
                return AstriaReply.Json(200, same.ToJson(Now, api));
            }

            DateTimeOffset now = Now;
            bool faceId = modelType == "faceid";
            // The branch defaults to the base tune's, else sd15; SDXL forces pti (providers.md §3.1).
            branch ??= _tunes.Find(t => t.Id == baseTune)?.Branch ?? "sd15";
            var tune = new EmulatedTune
            {
                Id = _nextTune++,
                Title = title!,
                Name = name!,
                Token = form.Field("token") ?? "ohwx",
                BaseTuneId = baseTune,
                Branch = branch,
                ModelType = branch == "sdxl1" && !faceId ? "pti" : modelType,
                Preset = form.Field("preset"),
                Steps = steps,
                FaceCrop = form.Field("face_crop") is { } crop ? crop == "true" : null,
                Callback = form.Field("callback"),
                CreatedAt = now,
                StartsAt = faceId ? now : now + options.QueueDelay,
                TrainsAt = faceId ? now : now + options.QueueDelay + options.TrainingDuration,
                Fails = !faceId && options.FailTraining?.Invoke(title!) == true,
                EtaError = options.EtaError,
                Photos = photos,
                ImageUrls = form.List("image_urls").Count,
                Sent = form.Sent,
                // FaceID tunes need no training, so no callback either.
                CallbackDispatched = faceId,
            };
            _tunes.Add(tune);
            return AstriaReply.Json(201, tune.ToJson(now, api));
        }
    }

    private AstriaReply CreatePrompt(EmulatedTune tune, AstriaForm form)
    {
        var errors = new JsonObject();
        string? text = form.Field("text");
        Require(errors, "text", text);
        int count = (int)(form.Long("num_images", errors) ?? 1);
        if (count is < 1 or > 8)
        {
            errors["num_images"] = new JsonArray("must be between 1 and 8");
        }

        long seed = form.Long("seed", errors) ?? Random.Shared.NextInt64(0, uint.MaxValue);
        double? cfg = form.Double("cfg_scale", errors);
        int? steps = (int?)form.Long("steps", errors);
        (int width, int height) = Size(form, errors);
        IReadOnlyList<Image> sources = [];
        lock (_gate)
        {
            if (errors.Count == 0 && text is not null)
            {
                sources = Sources(tune, text, errors);
            }

            if (errors.Count > 0)
            {
                return AstriaReply.Json(422, errors);
            }

            DateTimeOffset now = Now;
            var prompt = new EmulatedPrompt
            {
                Id = _nextPrompt++,
                TuneId = tune.Id,
                Text = text!,
                NegativePrompt = form.Field("negative_prompt"),
                NumImages = count,
                Seed = seed,
                CfgScale = cfg,
                Steps = steps,
                Width = width,
                Height = height,
                Callback = form.Field("callback"),
                Sent = form.Sent,
                CreatedAt = now,
                DoneAt = now + options.PromptDuration,
                Sources = sources,
                Fails = options.FailPrompt?.Invoke(text!) == true,
            };
            _prompts.Add(prompt);
            return AstriaReply.Json(201, prompt.ToJson(now, api));
        }
    }

    /// <summary>Whose photos a prompt shows: the LoRA or FaceID tunes its tags name on a gallery base, or a mock tune's own.</summary>
    private List<Image> Sources(EmulatedTune tune, string text, JsonObject errors)
    {
        if (!tune.Gallery)
        {
            if (tune.Branch != "fast" && tune.ModelType is "lora" or "faceid")
            {
                errors["base"] = new JsonArray($"model_type={tune.ModelType} is not supported. Use a checkpoint instead");
                return [];
            }

            if (!tune.Trained(Now))
            {
                errors["tune"] = new JsonArray("is not trained yet");
            }

            // The emulator's own check, stricter than Astria: a direct prompt must name the subject by its token
            // (§3.2: "text incl. token/class, e.g. ohwx man"). Mock tunes answer mock images whatever the text.
            if (tune.Branch != "fast" && tune.Token is { } token && !Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(token)}(?![\p{{L}}\p{{N}}])"))
            {
                errors["text"] = new JsonArray($"does not contain the tune's token '{token}'");
            }

            return [.. tune.Photos];
        }

        var sources = new List<Image>();
        foreach (Match tag in Tag().Matches(text))
        {
            long id = long.Parse(tag.Groups[2].Value, CultureInfo.InvariantCulture);
            EmulatedTune? named = _tunes.Find(t => t.Id == id && t.Exists(Now));
            if (named is null || !named.Trained(Now) || named.ModelType != tag.Groups[1].Value)
            {
                errors["text"] = new JsonArray($"{tag.Value} does not name a trained {tag.Groups[1].Value} tune");
                continue;
            }

            sources.AddRange(named.Photos);
        }

        return sources;
    }

    private (int Width, int Height) Size(AstriaForm form, JsonObject errors)
    {
        long? w = form.Long("w", errors), h = form.Long("h", errors);
        if (w is not null || h is not null)
        {
            if (w is not { } width || h is not { } height || width % 8 != 0 || height % 8 != 0 || width is < 8 or > 2048 || height is < 8 or > 2048)
            {
                errors["w"] = new JsonArray("w and h must both be multiples of 8 up to 2048");
                return (8, 8);
            }

            return ((int)width, (int)height);
        }

        string ratio = form.Field("aspect_ratio") ?? form.Field("ar") ?? "1:1";
        if (!Ratios.TryGetValue(ratio, out var r))
        {
            errors["aspect_ratio"] = new JsonArray("is not included in the list");
            return (8, 8);
        }

        double scale = (double)ImageSide / Math.Max(r.W, r.H);
        return ((int)Math.Round(r.W * scale / 8) * 8, (int)Math.Round(r.H * scale / 8) * 8);
    }

    private AstriaReply ListTunes(string offsetText)
    {
        int offset = int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out int o) ? o : 0;
        lock (_gate)
        {
            var page = _tunes.Where(t => !t.Gallery && t.Exists(Now)).OrderByDescending(t => t.Id).Skip(offset).Take(20);
            return AstriaReply.Json(200, new JsonArray([.. page.Select(t => (JsonNode)t.ToJson(Now, api))]));
        }
    }

    private AstriaReply Delete(EmulatedTune tune)
    {
        if (tune.Gallery)
        {
            return AstriaReply.Json(403, new JsonObject { ["error"] = "Gallery tunes cannot be deleted" });
        }

        tune.Deleted = true;
        return AstriaReply.Json(200, new JsonObject());
    }

    private AstriaReply WithTune(string id, Func<EmulatedTune, AstriaReply> then)
    {
        EmulatedTune? tune;
        lock (_gate)
        {
            tune = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? _tunes.Find(t => t.Id == n && t.Exists(Now)) : null;
        }

        return tune is null ? AstriaReply.Json(404, new JsonObject { ["error"] = "Not found" }) : then(tune);
    }

    private AstriaReply WithPrompt(EmulatedTune tune, string id)
    {
        EmulatedPrompt? prompt;
        lock (_gate)
        {
            prompt = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? _prompts.Find(p => p.Id == n && p.TuneId == tune.Id && !(p.Fails && Now >= p.DoneAt)) : null;
        }

        return prompt is null ? AstriaReply.Json(404, new JsonObject { ["error"] = "Not found" }) : AstriaReply.Json(200, PromptJson(prompt));
    }

    private List<EmulatedPrompt> PromptsOf(long tuneId)
    {
        lock (_gate)
        {
            return [.. _prompts.Where(p => p.TuneId == tuneId && !(p.Fails && Now >= p.DoneAt)).OrderByDescending(p => p.Id)];
        }
    }

    private static void Require(JsonObject errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = new JsonArray("can't be blank");
        }
    }

    /// <summary>The gallery: the Flux base, and an SDXL base when the options name one (providers.md names no SDXL id).</summary>
    private static List<EmulatedTune> Galleries(AstriaEmulatorOptions options) =>
        options.SdxlBaseTuneId is { } sdxl ? [Gallery(FluxBase, "Flux.1 dev", "flux1"), Gallery(sdxl, "SDXL 1.0", "sdxl1")] : [Gallery(FluxBase, "Flux.1 dev", "flux1")];

    private static EmulatedTune Gallery(long id, string title, string branch) => new()
    {
        Id = id,
        Title = title,
        Name = "base",
        Branch = branch,
        CreatedAt = DateTimeOffset.UnixEpoch,
        StartsAt = DateTimeOffset.UnixEpoch,
        TrainsAt = DateTimeOffset.UnixEpoch,
        Gallery = true,
        CallbackDispatched = true,
    };

    private static async Task<AstriaForm> FormAsync(HttpRequest request, string resource)
    {
        if (request.HasFormContentType)
        {
            IFormCollection form = await request.ReadFormAsync();
            var files = new List<byte[]>();
            foreach (IFormFile file in form.Files.Where(f => f.Name == $"{resource}[images][]"))
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(buffer.ToArray());
            }

            var sent = form.Where(f => f.Key.StartsWith($"{resource}[", StringComparison.Ordinal) && !f.Key.EndsWith("[]", StringComparison.Ordinal))
                .ToDictionary(f => f.Key[(resource.Length + 1)..^1], f => f.Value.ToString(), StringComparer.Ordinal);
            return new AstriaForm(key => form.TryGetValue($"{resource}[{key}]", out var v) ? v.ToString() : null,
                key => [.. form.TryGetValue($"{resource}[{key}][]", out var v) ? v.Select(x => x ?? "") : []], files, sent);
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            body = null;
        }

        JsonObject fields = body?[resource] as JsonObject ?? [];
        string? Scalar(JsonNode? v) => v is null ? null : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString();
        return new AstriaForm(
            key => Scalar(fields[key]),
            key => fields[key] is JsonArray list ? [.. list.Select(x => x?.GetValue<string>() ?? "")] : [],
            [],
            fields.Where(f => f.Value is not (null or JsonArray)).ToDictionary(f => f.Key, f => Scalar(f.Value)!, StringComparer.Ordinal));
    }

    [GeneratedRegex(@"<(lora|faceid):(\d+):[0-9.]+>")]
    private static partial Regex Tag();
}

/// <summary>
/// A request's fields, from multipart (<c>tune[title]</c>) or wrapped JSON (<c>{"tune": {"title": …}}</c>); <paramref name="Sent"/>
/// holds its scalar fields exactly as they came, for tests to see the wire.
/// </summary>
internal sealed record AstriaForm(Func<string, string?> Field, Func<string, IReadOnlyList<string>> List, IReadOnlyList<byte[]> Files, IReadOnlyDictionary<string, string> Sent)
{
    public long? Long(string key, JsonObject errors) =>
        Number<long>(key, errors, text => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : null);

    public double? Double(string key, JsonObject errors) =>
        Number<double>(key, errors, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null);

    /// <summary>A numeric field: null when absent; a Rails error when it does not parse.</summary>
    private T? Number<T>(string key, JsonObject errors, Func<string, T?> parse)
        where T : struct
    {
        if (Field(key) is not { } text || text == "null")
        {
            return null;
        }

        T? value = parse(text);
        if (value is null)
        {
            errors[key] = new JsonArray("is not a number");
        }

        return value;
    }
}

/// <summary>A whole answer, built before anything is written so a fault can still replace it.</summary>
internal sealed record AstriaReply(int Status, byte[] Body, string ContentType)
{
    public static AstriaReply Json(int status, JsonNode body) => new(status, JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
}
