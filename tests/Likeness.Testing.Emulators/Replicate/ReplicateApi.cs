using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Likeness.Imaging;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Storage;
using Microsoft.AspNetCore.Http;

namespace Likeness.Testing.Emulators.Replicate;

/// <summary>
/// Replicate's HTTP API as the emulator serves it (providers.md §2): bearer auth, predictions (version, model and
/// deployment forms, <c>Prefer: wait</c>, <c>Cancel-After</c>), cancel, models, trainings, files, the account, the
/// webhook secret and the delivery host. Faults replace the answer before (or after) a request is handled.
/// </summary>
internal sealed partial class ReplicateApi(ReplicateEmulator emulator, ReplicateStore store, ReplicateEmulatorOptions options)
{
    public const string ApiPrefix = "v1/";
    public const string DeliveryPrefix = "delivery/";
    private const string ThrottleDetail = "Request was throttled. Your rate limit resets in ~30s.";

    private DateTimeOffset Now => options.Time.GetUtcNow();

    public async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value?.TrimStart('/') ?? "";
        if (path.StartsWith(DeliveryPrefix, StringComparison.Ordinal))
        {
            await ServeDeliveryAsync(context, path[DeliveryPrefix.Length..]);
            return;
        }

        if (!path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            await WriteAsync(context, 404, Detail(404, "Not found."));
            return;
        }

        string route = path[ApiPrefix.Length..].TrimEnd('/');
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + emulator.Token)
        {
            await WriteAsync(context, 401, Detail(401, "You did not pass a valid authentication token", "Unauthenticated"));
            return;
        }

        string method = context.Request.Method;
        ReplicateFault? fault = emulator.Faults.Take(method, route);
        switch (fault)
        {
            case ReplicateFault.Throttle429:
                context.Response.Headers.RetryAfter = "1";
                await WriteAsync(context, 429, new JsonObject { ["detail"] = ThrottleDetail, ["status"] = 429 });
                return;
            case ReplicateFault.InternalError500 or ReplicateFault.BadGateway502 or ReplicateFault.ServiceUnavailable503:
                int status = fault == ReplicateFault.InternalError500 ? 500 : fault == ReplicateFault.BadGateway502 ? 502 : 503;
                await WriteAsync(context, status, Detail(status, "Internal server error."));
                return;
            case ReplicateFault.DropConnection:
                await DrainAsync(context);
                context.Abort();
                return;
        }

        (int code, JsonNode? body) = await RouteAsync(context, method, route);
        if (fault == ReplicateFault.ProcessThen503)
        {
            await WriteAsync(context, 503, Detail(503, "Service unavailable."));
            return;
        }

        if (fault == ReplicateFault.ProcessThenDrop)
        {
            context.Abort();
            return;
        }

        await WriteAsync(context, code, body);
    }

    private async Task<(int, JsonNode?)> RouteAsync(HttpContext context, string method, string route)
    {
        string[] parts = route.Split('/');
        return (method, parts) switch
        {
            ("GET", ["account"]) => (200, new JsonObject { ["type"] = "user", ["username"] = options.Username, ["name"] = options.Username }),
            ("GET", ["webhooks", "default", "secret"]) => (200, new JsonObject { ["key"] = emulator.WebhookSecret }),
            ("POST", ["files"]) => await UploadAsync(context),
            ("GET", ["files", var id]) => store.Files.TryGetValue(id, out var file) ? (200, FileJson(file)) : (404, Detail(404, "Not found.")),
            ("POST", ["models"]) => CreateModel(await ReadJsonAsync(context)),
            ("GET", ["models", var owner, var name]) => GetModel(owner, name),
            ("POST", ["predictions"]) => await CreatePredictionAsync(context, null),
            ("POST", ["models", var owner, var name, "predictions"]) => await CreatePredictionAsync(context, $"{owner}/{name}"),
            ("POST", ["deployments", var owner, var name, "predictions"]) => await CreatePredictionAsync(context, $"{owner}/{name}"),
            ("GET", ["predictions", var id]) => Get(id, "prediction"),
            ("POST", ["predictions", var id, "cancel"]) => Cancel(id, "prediction"),
            ("POST", ["models", var owner, var name, "versions", var version, "trainings"]) => await CreateTrainingAsync(context, owner, name, version),
            ("GET", ["trainings", var id]) => Get(id, "training"),
            ("POST", ["trainings", var id, "cancel"]) => Cancel(id, "training"),
            _ => (404, Detail(404, "Not found.")),
        };
    }

    private (int, JsonNode?) Get(string id, string kind) =>
        Find(id, kind) is { } job ? (200, emulator.Json(job)) : (404, Detail(404, "Not found."));

    private (int, JsonNode?) Cancel(string id, string kind)
    {
        if (Find(id, kind) is not { } job)
        {
            return (404, Detail(404, "Not found."));
        }

        if (job.StatusAt(Now) is "starting" or "processing")
        {
            job.CanceledAt = Now;
        }

        return (200, emulator.Json(job));
    }

    private ReplicateJob? Find(string id, string kind) => store.Jobs.FirstOrDefault(j => j.Id == id && j.Kind == kind);

    private (int, JsonNode?) GetModel(string owner, string name)
    {
        if (!store.Models.TryGetValue($"{owner}/{name}", out var model))
        {
            return (404, Detail(404, "Not found."));
        }

        string? latest;
        lock (model.Versions)
        {
            latest = model.Versions.Count > 0 ? model.Versions[^1] : null;
        }

        return (200, new JsonObject
        {
            ["owner"] = model.Owner, ["name"] = model.Name, ["visibility"] = model.Visibility, ["url"] = $"https://replicate.com/{model.Owner}/{model.Name}",
            ["latest_version"] = latest is null ? null : new JsonObject { ["id"] = latest },
        });
    }

    private (int, JsonNode?) CreateModel(JsonElement body)
    {
        string? owner = Text(body, "owner"), name = Text(body, "name"), visibility = Text(body, "visibility"), hardware = Text(body, "hardware");
        if (owner is null || name is null || visibility is not ("public" or "private") || hardware is null)
        {
            return (422, Detail(422, "owner, name, visibility (public or private) and hardware are required."));
        }

        if (owner != options.Username)
        {
            return (403, Detail(403, $"You cannot create models for {owner}."));
        }

        if (store.Models.ContainsKey($"{owner}/{name}"))
        {
            return (409, Detail(409, "A model with that name and owner already exists."));
        }

        store.AddModel(owner, name, visibility, hardware);
        return GetModel(owner, name) is (_, var json) ? (201, json) : (500, null);
    }

    private async Task<(int, JsonNode?)> UploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return (400, Detail(400, "Expected multipart/form-data."));
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.GetFile("content") is not { } content)
        {
            return (422, Detail(422, "content is required."));
        }

        if (content.Length > 100L * 1000 * 1000)
        {
            return (413, Detail(413, "Files must be less than 100MB in size"));
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, context.RequestAborted);
        string type = form["type"].FirstOrDefault() ?? "application/octet-stream";
        var file = new ReplicateStore.StoredFile(ReplicateStore.NewId(), buffer.ToArray(), type, form["filename"].FirstOrDefault() ?? content.FileName, Now);
        store.Files[file.Id] = file;
        return (201, FileJson(file));
    }

    private JsonObject FileJson(ReplicateStore.StoredFile file) => new()
    {
        ["id"] = file.Id,
        ["content_type"] = file.ContentType,
        ["size"] = file.Bytes.Length,
        ["checksums"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Bytes)) },
        ["metadata"] = new JsonObject(),
        ["created_at"] = file.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["expires_at"] = (file.CreatedAt + options.DataRetention).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["urls"] = new JsonObject { ["get"] = new Uri(emulator.ApiUri, "files/" + file.Id).AbsoluteUri },
    };

    private async Task<(int, JsonNode?)> CreatePredictionAsync(HttpContext context, string? model)
    {
        if (Headers(context) is { } bad)
        {
            return bad;
        }

        JsonElement body = await ReadJsonAsync(context);
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("input", out JsonElement input) || input.ValueKind != JsonValueKind.Object)
        {
            return (422, Detail(422, "input is required."));
        }

        (ReplicateStore.Model Model, IReadOnlyList<Image> Sources) target;
        string version;
        if (model is not null)
        {
            if (!store.Models.TryGetValue(model, out var official) || official.Versions.Count == 0)
            {
                return (404, Detail(404, $"Model {model} not found."));
            }

            version = "hidden";
            target = store.Versions[official.Versions[^1]];
        }
        else
        {
            string given = Text(body, "version") ?? "";
            string id = given.Contains(':', StringComparison.Ordinal) ? given[(given.IndexOf(':', StringComparison.Ordinal) + 1)..] : given;
            if (!store.Versions.TryGetValue(id, out target))
            {
                return (422, Detail(422, "Invalid version or not permitted."));
            }

            version = id;
        }

        if (Text(input, "prompt") is not { Length: > 0 })
        {
            return (422, Detail(422, "input.prompt is required."));
        }

        int width = Int(input, "width") ?? 1024, height = Int(input, "height") ?? 1024, count = Int(input, "num_outputs") ?? 1;
        if (Text(input, "megapixels") == "0.25")
        {
            (width, height) = (512, 512);
        }

        if (width is < 256 or > 1440 || height is < 256 or > 1440 || count is < 1 or > 4)
        {
            return (422, Detail(422, "width and height must be 256 to 1440 and num_outputs 1 to 4."));
        }

        string format = Text(input, "output_format") ?? options.DefaultOutputFormat;
        long seed = input.TryGetProperty("seed", out JsonElement s) && s.TryGetInt64(out long given2) ? given2 : Random.Shared.Next();
        // Rendered before the job exists, so its timings start when it is created, not after the rendering.
        var rendered = new List<(byte[] Bytes, string Extension)>();
        for (int i = 0; i < count; i++)
        {
            using Image image = ReplicateImages.Render(target.Sources, width, height, seed, i, options.Faces);
            rendered.Add(await ReplicateImages.EncodeAsync(image, format, context.RequestAborted));
        }

        ReplicateJob job = NewJob(context, body, "prediction", $"{target.Model.Owner}/{target.Model.Name}", version, input, options.RunDuration, options.PredictSeconds, 0, []);
        var urls = new JsonArray();
        foreach (var (i, (bytes, extension)) in rendered.Index())
        {
            urls.Add(PutMedia(job, $"out-{i}.{extension}", bytes));
        }

        job.Output = urls;
        return await StartAsync(context, job);
    }

    private async Task<(int, JsonNode?)> CreateTrainingAsync(HttpContext context, string owner, string name, string version)
    {
        if (!store.Models.TryGetValue($"{owner}/{name}", out var trainer) || !trainer.Versions.Contains(version))
        {
            return (404, Detail(404, $"Version {version} of {owner}/{name} not found."));
        }

        JsonElement body = await ReadJsonAsync(context);
        if (Text(body, "destination") is not { } destination || !store.Models.TryGetValue(destination, out var target))
        {
            return (404, Detail(404, "The destination model does not exist. Create it first."));
        }

        if (!body.TryGetProperty("input", out JsonElement input) || Text(input, "input_images") is not { } archiveUrl)
        {
            return (422, Detail(422, "input.input_images is required."));
        }

        if (ResolveInput(archiveUrl) is not { } zip)
        {
            return (422, Detail(422, "input.input_images could not be fetched."));
        }

        var (sources, captions) = Unpack(zip);
        if (sources.Count == 0)
        {
            return (422, Detail(422, "input.input_images holds no image."));
        }

        bool flux = name == "flux-dev-lora-trainer";
        int steps = Int(input, flux ? "steps" : "max_train_steps") ?? 1000;
        bool autocaption = !input.TryGetProperty("autocaption", out JsonElement ac) || ac.ValueKind != JsonValueKind.False;
        string log = captions == sources.Count && !autocaption
            ? $"Using {captions} captions supplied with {sources.Count} images"
            : $"Autocaptioning {sources.Count} images";
        ReplicateJob job = NewJob(context, body, "training", $"{owner}/{name}", version, input, options.TrainingDuration, options.TrainingSeconds, steps, [log]);
        string versionId = store.AddVersion(target, sources);
        byte[] lora = FalSafetensors.Lora(new Dictionary<string, string> { ["trigger_word"] = Text(input, flux ? "trigger_word" : "token_string") ?? "TOK" }, versionId.GetHashCode(StringComparison.Ordinal));
        job.Output = new JsonObject
        {
            ["version"] = $"{target.Owner}/{target.Name}:{versionId}",
            ["weights"] = PutMedia(job, "trained_model.tar", Tar("lora.safetensors", lora)),
        };
        return await StartAsync(context, job);
    }

    private ReplicateJob NewJob(HttpContext context, JsonElement body, string kind, string model, string version, JsonElement input, TimeSpan duration, double seconds, int steps, IReadOnlyList<string> startLogs)
    {
        DateTimeOffset now = Now;
        TimeSpan? cancelAfter = CancelAfter(context.Request.Headers["Cancel-After"].ToString());
        string? webhook = Text(body, "webhook");
        IReadOnlyList<string> filter = body.TryGetProperty("webhook_events_filter", out JsonElement f) && f.ValueKind == JsonValueKind.Array
            ? [.. f.EnumerateArray().Select(e => e.GetString() ?? "")]
            : ["output", "completed"];
        string error = options.FailWith?.Invoke(kind, input) ?? "";
        return new ReplicateJob
        {
            Id = ReplicateStore.NewId(),
            Kind = kind,
            Model = model,
            Version = version,
            Input = input.Clone(),
            Webhook = webhook,
            EventsFilter = filter,
            CreatedAt = now,
            StartAt = now + options.StartDelay,
            EndAt = now + options.StartDelay + duration,
            Deadline = cancelAfter is { } after ? now + after : null,
            ReportedSeconds = seconds,
            Error = error.Length == 0 ? null : error,
            Steps = steps,
            StartLogs = startLogs,
        };
    }

    /// <summary>Records the job; with <c>Prefer: wait</c> holds the answer until it ends or the wait runs out (201 done, 202 not).</summary>
    private async Task<(int, JsonNode?)> StartAsync(HttpContext context, ReplicateJob job)
    {
        store.Jobs.Enqueue(job);
        if (WaitSeconds(context.Request.Headers["Prefer"].ToString()) is not { } wait)
        {
            return (201, emulator.Json(job));
        }

        DateTimeOffset until = Now + TimeSpan.FromSeconds(wait);
        var real = System.Diagnostics.Stopwatch.StartNew();
        while (job.StatusAt(Now) is "starting" or "processing" && Now < until && real.Elapsed < TimeSpan.FromSeconds(wait))
        {
            await Task.Delay(5, context.RequestAborted);
        }

        return (job.StatusAt(Now) is "starting" or "processing" ? 202 : 201, emulator.Json(job));
    }

    private static (int, JsonNode?)? Headers(HttpContext context)
    {
        string prefer = context.Request.Headers["Prefer"].ToString();
        if (prefer.Length > 0 && WaitSeconds(prefer) is null)
        {
            return (400, Detail(400, "Prefer must match ^wait(=([1-9]|[1-9][0-9]|60))?$"));
        }

        string cancelAfter = context.Request.Headers["Cancel-After"].ToString();
        if (cancelAfter.Length > 0 && CancelAfter(cancelAfter) is not { } after)
        {
            return (400, Detail(400, "Cancel-After is a duration such as 30s, 5m or 1h30m45s."));
        }
        else if (cancelAfter.Length > 0 && CancelAfter(cancelAfter) < TimeSpan.FromSeconds(5))
        {
            return (400, Detail(400, "Cancel-After must be at least 5s."));
        }

        return null;
    }

    private string PutMedia(ReplicateJob job, string name, byte[] bytes)
    {
        string key = $"{job.Id}/{name}";
        store.Delivery[key] = new ReplicateStore.Media(bytes, ReplicateImages.ContentTypeOf(Path.GetExtension(name).TrimStart('.')), job);
        return new Uri(emulator.DeliveryUri, key).AbsoluteUri;
    }

    private async Task ServeDeliveryAsync(HttpContext context, string key)
    {
        if (!store.Delivery.TryGetValue(key, out var media) || media.Job.StatusAt(Now) != "succeeded" || media.Job.DataRemovedAt(Now, options.DataRetention))
        {
            await WriteAsync(context, 404, Detail(404, "Not found."));
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = media.ContentType;
        await context.Response.Body.WriteAsync(media.Bytes, context.RequestAborted);
    }

    /// <summary>An input URL's bytes: a <c>data:</c> URL or a file uploaded here; anything else cannot be fetched.</summary>
    private byte[]? ResolveInput(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal))
        {
            return DataUri.TryDecode(url);
        }

        string files = new Uri(emulator.ApiUri, "files/").AbsoluteUri;
        return url.StartsWith(files, StringComparison.Ordinal) && store.Files.TryGetValue(url[files.Length..], out var file) ? file.Bytes : null;
    }

    private static (List<Image> Images, int Captions) Unpack(byte[] zip)
    {
        var images = new List<Image>();
        int captions = 0;
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            foreach (ZipArchiveEntry entry in archive.Entries)
            {
                if (entry.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                {
                    captions++;
                    continue;
                }

                using var buffer = new MemoryStream();
                using (Stream stream = entry.Open())
                {
                    stream.CopyTo(buffer);
                }

                if (FalImageRenderer.TryDecode(buffer.ToArray()) is { } image)
                {
                    images.Add(image);
                }
            }
        }
        catch (InvalidDataException)
        {
            // Not a zip: no images.
        }

        return (images, captions);
    }

    private static byte[] Tar(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }

        return buffer.ToArray();
    }

    internal static int? WaitSeconds(string prefer)
    {
        Match match = PreferPattern().Match(prefer);
        return !match.Success ? null : match.Groups[2].Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 60;
    }

    internal static TimeSpan? CancelAfter(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long bare))
        {
            return TimeSpan.FromSeconds(bare);
        }

        Match match = DurationPattern().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(1), Part(2), Part(3));
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpContext context)
    {
        try
        {
            using JsonDocument doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static async Task DrainAsync(HttpContext context)
    {
        using var sink = new MemoryStream();
        await context.Request.Body.CopyToAsync(sink, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body), context.RequestAborted);
    }

    private static JsonObject Detail(int status, string detail, string? title = null) => new() { ["title"] = title, ["detail"] = detail, ["status"] = status };

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int number) ? number : null;

    [GeneratedRegex("^wait(=([1-9]|[1-9][0-9]|60))?$")]
    private static partial Regex PreferPattern();

    [GeneratedRegex("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?$")]
    private static partial Regex DurationPattern();
}
