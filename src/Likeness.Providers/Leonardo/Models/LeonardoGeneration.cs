using System.Text.Json.Serialization;

namespace Likeness.Providers.Leonardo.Models;

/// <summary>The answer to <c>POST /generations</c>: <c>{"sdGenerationJob": {...}}</c>.</summary>
public sealed record LeonardoCreateResponse
{
    /// <summary>The job.</summary>
    [JsonPropertyName("sdGenerationJob")]
    public LeonardoGenerationJob? Job { get; init; }
}

/// <summary>A submitted generation: its id and what it costs.</summary>
public sealed record LeonardoGenerationJob
{
    /// <summary>The generation id to poll.</summary>
    [JsonPropertyName("generationId")]
    public string? GenerationId { get; init; }

    /// <summary>The legacy credit cost (deprecated by Leonardo in favour of <see cref="Cost"/>).</summary>
    [JsonPropertyName("apiCreditCost")]
    public decimal? ApiCreditCost { get; init; }

    /// <summary>The request's cost.</summary>
    [JsonPropertyName("cost")]
    public LeonardoCost? Cost { get; init; }
}

/// <summary>A cost as Leonardo reports it: an amount (a string on the wire) in <c>CREDITS</c> or <c>DOLLARS</c>.</summary>
public sealed record LeonardoCost
{
    /// <summary>The amount, as sent.</summary>
    [JsonPropertyName("amount")]
    public string? Amount { get; init; }

    /// <summary><c>CREDITS</c> or <c>DOLLARS</c>.</summary>
    [JsonPropertyName("unit")]
    public string? Unit { get; init; }
}

/// <summary>The answer to <c>GET /generations/{id}</c>: <c>{"generations_by_pk": {...}}</c>.</summary>
public sealed record LeonardoGenerationResponse
{
    /// <summary>The generation, null when Leonardo does not know the id.</summary>
    [JsonPropertyName("generations_by_pk")]
    public LeonardoGeneration? Generation { get; init; }
}

/// <summary>A generation: its status and, once COMPLETE, its images.</summary>
public sealed record LeonardoGeneration
{
    /// <summary>PENDING.</summary>
    public const string Pending = "PENDING";

    /// <summary>COMPLETE.</summary>
    public const string Complete = "COMPLETE";

    /// <summary>FAILED.</summary>
    public const string Failed = "FAILED";

    /// <summary>The generation id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary><see cref="Pending"/>, <see cref="Complete"/> or <see cref="Failed"/>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The images (empty until COMPLETE).</summary>
    [JsonPropertyName("generated_images")]
    public IReadOnlyList<LeonardoImage> GeneratedImages { get; init; } = [];

    /// <summary>The prompt as run.</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; init; }

    /// <summary>The model.</summary>
    [JsonPropertyName("modelId")]
    public string? ModelId { get; init; }

    /// <summary>The seed used.</summary>
    [JsonPropertyName("seed")]
    public long? Seed { get; init; }

    /// <summary>Width.</summary>
    [JsonPropertyName("imageWidth")]
    public int? ImageWidth { get; init; }

    /// <summary>Height.</summary>
    [JsonPropertyName("imageHeight")]
    public int? ImageHeight { get; init; }

    /// <summary>True once Leonardo has finished with it either way.</summary>
    [JsonIgnore]
    public bool IsDone => Status is Complete or Failed;
}

/// <summary>One generated image.</summary>
public sealed record LeonardoImage
{
    /// <summary>The image id (usable as a <c>GENERATED</c> guidance image).</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>Where to download it.</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>Leonardo's NSFW flag.</summary>
    [JsonPropertyName("nsfw")]
    public bool Nsfw { get; init; }
}

/// <summary>The answer to <c>POST /init-image</c>: <c>{"uploadInitImage": {id, url, fields, key}}</c>.</summary>
public sealed record LeonardoInitImageResponse
{
    /// <summary>The presigned upload.</summary>
    [JsonPropertyName("uploadInitImage")]
    public LeonardoPresignedUpload? Upload { get; init; }
}

/// <summary>A presigned S3 form: POST <see cref="Url"/> with every field of <see cref="Fields"/> and the bytes under <c>file</c>, within two minutes.</summary>
public sealed record LeonardoPresignedUpload
{
    /// <summary>The init-image id, usable once the bytes are up.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The form's target.</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The form fields, as a JSON <em>string</em> holding an object.</summary>
    [JsonPropertyName("fields")]
    public string? Fields { get; init; }

    /// <summary>The object key.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }
}

/// <summary>A downloaded image: its bytes, its content type, and whether the host labelled it simulated (the emulator).</summary>
public sealed record LeonardoDownload(byte[] Bytes, string? ContentType, bool Simulated);
