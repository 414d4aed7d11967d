using System.Globalization;
using System.Text.Json.Nodes;
using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Astria;

/// <summary>A tune the emulator holds; its state follows the clock (no status field, as at Astria).</summary>
internal sealed class EmulatedTune
{
    public required long Id { get; init; }

    public required string Title { get; init; }

    public required string Name { get; init; }

    public string? Token { get; init; }

    public long? BaseTuneId { get; init; }

    public required string Branch { get; init; }

    public string? ModelType { get; init; }

    public string? Preset { get; init; }

    public int? Steps { get; init; }

    public bool? FaceCrop { get; init; }

    public string? Callback { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset TrainsAt { get; init; }

    public bool Fails { get; init; }

    public TimeSpan EtaError { get; init; }

    public bool Gallery { get; init; }

    public IReadOnlyList<Image> Photos { get; init; } = [];

    public int ImageUrls { get; init; }

    /// <summary>The scalar fields of the request that made it, as sent.</summary>
    public IReadOnlyDictionary<string, string> Sent { get; init; } = new Dictionary<string, string>();

    public bool Deleted { get; set; }

    public bool CallbackDispatched { get; set; }

    /// <summary>Whether the API still answers for it: not deleted, and not a failed training past its end.</summary>
    public bool Exists(DateTimeOffset now) => !Deleted && !(Fails && now >= TrainsAt);

    public bool Trained(DateTimeOffset now) => !Fails && now >= TrainsAt;

    /// <summary>The tune object (providers.md §3.1).</summary>
    public JsonObject ToJson(DateTimeOffset now, Uri api) => new()
    {
        ["id"] = Id,
        ["title"] = Title,
        ["name"] = Name,
        ["token"] = Token,
        ["base_tune_id"] = BaseTuneId,
        ["branch"] = Branch,
        ["model_type"] = ModelType,
        ["steps"] = Steps,
        ["args"] = null,
        ["face_crop"] = FaceCrop,
        ["training_face_correct"] = false,
        ["ckpt_url"] = null,
        ["ckpt_urls"] = new JsonArray(),
        ["eta"] = Stamp(TrainsAt + EtaError),
        ["started_training_at"] = now >= StartsAt ? Stamp(StartsAt) : null,
        ["trained_at"] = Trained(now) ? Stamp(TrainsAt) : null,
        ["expires_at"] = Trained(now) ? Stamp(TrainsAt.AddDays(30)) : null,
        ["created_at"] = Stamp(CreatedAt),
        ["updated_at"] = Stamp(now < TrainsAt ? (now >= StartsAt ? StartsAt : CreatedAt) : TrainsAt),
        ["url"] = new Uri(api, $"tunes/{Id}.json").AbsoluteUri,
        ["orig_images"] = new JsonArray([.. Photos.Select((_, i) => (JsonNode)new Uri(api, $"../cdn/tune-{Id}-{i}.jpg").AbsoluteUri)]),
    };

    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A prompt the emulator holds; its images are rendered the first time they are asked for after it is done.</summary>
internal sealed class EmulatedPrompt
{
    public required long Id { get; init; }

    public required long TuneId { get; init; }

    public required string Text { get; init; }

    public string? NegativePrompt { get; init; }

    public required int NumImages { get; init; }

    public required long Seed { get; init; }

    public double? CfgScale { get; init; }

    public int? Steps { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public string? Callback { get; init; }

    /// <summary>The scalar fields of the request that made it, as sent.</summary>
    public IReadOnlyDictionary<string, string> Sent { get; init; } = new Dictionary<string, string>();

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset DoneAt { get; init; }

    /// <summary>The photos its images re-frame: the tagged tune's (or the mock tune's); none draws an empty backdrop.</summary>
    public required IReadOnlyList<Image> Sources { get; init; }

    public IReadOnlyList<string>? Images { get; set; }

    /// <summary>Its generation fails: once done it vanishes (404).</summary>
    public bool Fails { get; init; }

    public bool CallbackDispatched { get; set; }

    public Lock Gate { get; } = new();

    /// <summary>The prompt object (providers.md §3.2).</summary>
    public JsonObject ToJson(DateTimeOffset now, Uri api)
    {
        bool done = now >= DoneAt && Images is not null;
        return new JsonObject
        {
            ["id"] = Id,
            ["callback"] = Callback,
            ["text"] = Text,
            ["negative_prompt"] = NegativePrompt,
            ["cfg_scale"] = CfgScale,
            ["steps"] = Steps,
            ["seed"] = Seed,
            ["tune_id"] = TuneId,
            ["started_training_at"] = EmulatedTune.Stamp(CreatedAt),
            ["trained_at"] = done ? EmulatedTune.Stamp(DoneAt) : null,
            ["created_at"] = EmulatedTune.Stamp(CreatedAt),
            ["updated_at"] = EmulatedTune.Stamp(done ? DoneAt : CreatedAt),
            ["url"] = new Uri(api, $"tunes/{TuneId}/prompts/{Id}.json").AbsoluteUri,
            ["images"] = new JsonArray([.. (done ? Images! : []).Select(u => (JsonNode)u)]),
        };
    }
}
