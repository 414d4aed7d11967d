using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Leonardo.Models;

namespace Likeness.Providers.Leonardo;

/// <summary>
/// Leonardo.ai behind the core's reference capability: Kino XL with one Character Reference (controlnet
/// preprocessor 133) on the character's frontal photo, uploaded through the presigned init-image flow just before
/// the generation that uses it. Images are downloaded as soon as the generation is COMPLETE; the call is charged
/// what Leonardo reports in <c>cost</c>, also when an image is gone before it was downloaded (Leonardo bills at create).
/// </summary>
public sealed class LeonardoProvider : IReferenceImageGenerator, IResumableGenerator
{
    // A resume token's fields: what only the submission knew (the init image, the seed sent, the cost Leonardo reported).
    private const char TokenSeparator = '|';

    /// <summary>Largest side Leonardo takes.</summary>
    public const int MaxSide = 1536;

    /// <summary>Largest seed sent (Flux's bound, the lowest of Leonardo's two).</summary>
    public const long MaxSeed = 2147483637;

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public LeonardoProvider(LeonardoClient client, LeonardoProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new LeonardoProviderOptions();
        options.Validate();
        Client = client;
        Options = options;
        Descriptor = options.Prices.Apply(LeonardoDescriptor.Create(options, client.Options));
    }

    /// <summary>The client.</summary>
    public LeonardoClient Client { get; }

    /// <summary>The options.</summary>
    public LeonardoProviderOptions Options { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <summary>
    /// Leonardo's size for a shot: the asked size scaled down to fit 1536 px a side when larger, then each side
    /// rounded to a multiple of 8 (at least 32).
    /// </summary>
    public static (int Width, int Height) SizeFor(int width, int height)
    {
        double scale = Math.Min(1, (double)MaxSide / Math.Max(width, height));
        static int Snap(double side) => Math.Clamp((int)Math.Round(side / 8) * 8, 32, MaxSide);
        return (Snap(width * scale), Snap(height * scale));
    }

    /// <summary>The character's fixed seed: the same for every shot of the character, derived from its key.</summary>
    public static long CharacterSeed(string characterKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(characterKey);
        ulong hash = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes("leonardo-seed|" + characterKey)), 0);
        return (long)(hash % (ulong)MaxSeed);
    }

    /// <summary>The request body for a shot with the Character Reference on <paramref name="initImageId"/>.</summary>
    public LeonardoGenerationInput InputFor(string characterKey, ShotRequest shot, string initImageId) =>
        InputFor(shot, initImageId, Options.Seeds == LeonardoSeedPolicy.Character ? CharacterSeed(characterKey) : Math.Abs(shot.Seed % MaxSeed));

    /// <summary>The request body for a shot with the Character Reference on <paramref name="initImageId"/> and the seed chosen.</summary>
    private LeonardoGenerationInput InputFor(ShotRequest shot, string initImageId, long seed)
    {
        (int width, int height) = CheckLimits(shot);
        return new LeonardoGenerationInput
        {
            Prompt = shot.Prompt,
            NegativePrompt = shot.NegativePrompt.Length == 0 ? null : shot.NegativePrompt,
            ModelId = Options.ModelId,
            Width = width,
            Height = height,
            NumImages = shot.Count,
            NumInferenceSteps = shot.Steps,
            GuidanceScale = shot.Guidance,
            Seed = seed,
            Alchemy = Options.Alchemy,
            ControlNets = [CharacterReference(shot, initImageId)],
        };
    }

    /// <summary>
    /// The Character Reference of a shot: the shot's own <c>strength</c> (Low, Mid, High) or <c>weight</c> (0 to 2)
    /// provider parameter when it sets one (a study sweeps it), else the options'.
    /// </summary>
    public LeonardoControlNet CharacterReference(ShotRequest shot, string initImageId)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (shot.ProviderParameters.TryGetValue("strength", out string? strength))
        {
            return strength is "Low" or "Mid" or "High"
                ? new LeonardoControlNet { InitImageId = initImageId, StrengthType = strength }
                : throw new ArgumentException($"Leonardo's Character Reference strength is Low, Mid or High (got '{strength}').");
        }

        return ShotNumber.Read(shot, "weight", 0, 2, "Leonardo's Character Reference weight") is { } weight
            ? new LeonardoControlNet { InitImageId = initImageId, Weight = weight }
            : new LeonardoControlNet { InitImageId = initImageId, StrengthType = Options.Strength, Weight = Options.Weight };
    }

    /// <summary>Leonardo's size for <paramref name="shot"/>, after checking its count, steps and guidance against Leonardo's ranges.</summary>
    public static (int Width, int Height) CheckLimits(ShotRequest shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        (int width, int height) = SizeFor(shot.Width, shot.Height);
        int most = Math.Max(width, height) > 768 ? 4 : 8;
        if (shot.Count > most)
        {
            throw new ArgumentException($"Leonardo makes at most {most} images per call at {width}x{height} (asked {shot.Count}).");
        }

        if (shot.Steps is < 10 or > 60)
        {
            throw new ArgumentException($"Leonardo takes 10 to 60 inference steps (asked {shot.Steps}).");
        }

        if (shot.Guidance is < 1 or > 20)
        {
            throw new ArgumentException($"Leonardo takes a guidance scale of 1 to 20 (asked {shot.Guidance}).");
        }

        return (width, height);
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ShotRequest shot = request.Shot;
        shot.Validate();
        // One Character Reference in the documented recipe: the frontal photo when there is one.
        ReferencePhoto subject = request.References.OrderBy(r => r.Role == ReferenceRole.Frontal ? 0 : 1).FirstOrDefault()
            ?? throw new ArgumentException("Leonardo's Character Reference needs a reference photo.");
        CheckLimits(shot); // before anything is uploaded or paid

        DateTimeOffset start = Client.Time.GetUtcNow();
        // Uploaded now, not cached: the presigned form lasts two minutes and the id is only needed by this call.
        string initImageId = await Client.UploadInitImageAsync(subject.Bytes, ExtensionOf(subject.ContentType), cancellationToken).ConfigureAwait(false);
        LeonardoGenerationInput input = InputFor(request.CharacterKey, shot, initImageId);
        Func<LeonardoGenerationJob, Task>? submitted = request.Submitted is { } tell ? job => tell(TokenOf(job, initImageId, input.Seed!.Value)) : null;
        (LeonardoGenerationJob job, LeonardoGeneration generation) = await Client.GenerateResumableAsync(input, submitted, null, cancellationToken).ConfigureAwait(false);
        return await ResultOfAsync(job, generation, input, initImageId, start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Collects the generation a resume token names (<c>generationId|initImageId|seed|costAmount|costUnit|apiCreditCost</c>,
    /// as <see cref="GenerateFromReferencesAsync"/> reported it; the cost fields may be empty): the same wait, downloads,
    /// cost and metadata as the call that submitted it. FAILED, or a generation Leonardo does not know, throws
    /// Leonardo's verdict; a passing failure throws retriable.
    /// </summary>
    public async Task<GenerationResult> ResumeGenerationAsync(string resumeToken, ShotRequest shot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shot);
        string[] fields = resumeToken?.Split(TokenSeparator) ?? [];
        decimal credits = 0;
        if (fields.Length != 6 || fields[0].Length == 0 || fields[1].Length == 0
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out long seed)
            || (fields[5].Length > 0 && !decimal.TryParse(fields[5], NumberStyles.Number, CultureInfo.InvariantCulture, out credits)))
        {
            throw new ArgumentException(
                $"'{resumeToken}' is not a Leonardo resume token (generationId{TokenSeparator}initImageId{TokenSeparator}seed{TokenSeparator}costAmount{TokenSeparator}costUnit{TokenSeparator}apiCreditCost).",
                nameof(resumeToken));
        }

        var job = new LeonardoGenerationJob
        {
            GenerationId = fields[0],
            Cost = fields[3].Length == 0 && fields[4].Length == 0 ? null : new LeonardoCost { Amount = fields[3], Unit = fields[4] },
            ApiCreditCost = fields[5].Length == 0 ? null : credits,
        };
        LeonardoGenerationInput input = InputFor(shot, fields[1], seed);
        DateTimeOffset start = Client.Time.GetUtcNow();
        LeonardoGeneration generation = await Client.FollowAsync(fields[0], null, cancellationToken).ConfigureAwait(false);
        return await ResultOfAsync(job, generation, input, fields[1], start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The resume token of a submitted generation (see <see cref="ResumeGenerationAsync"/>).</summary>
    internal static string TokenOf(LeonardoGenerationJob job, string initImageId, long seed) => string.Join(
        TokenSeparator,
        job.GenerationId, initImageId, seed.ToString(CultureInfo.InvariantCulture), job.Cost?.Amount ?? "", job.Cost?.Unit ?? "",
        job.ApiCreditCost?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>The answer of a COMPLETE generation: its images downloaded, its cost, its metadata.</summary>
    private async Task<GenerationResult> ResultOfAsync(
        LeonardoGenerationJob job, LeonardoGeneration generation, LeonardoGenerationInput input, string initImageId, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var images = new List<GeneratedImage>();
        bool simulated = false;
        foreach (LeonardoImage image in generation.GeneratedImages)
        {
            LeonardoDownload download = await DownloadAsync(job, input, image.Url, cancellationToken).ConfigureAwait(false);
            simulated |= download.Simulated;
            images.Add(new GeneratedImage(download.Bytes, download.ContentType ?? "image/jpeg", generation.ImageWidth ?? input.Width, generation.ImageHeight ?? input.Height));
        }

        if (images.Count == 0)
        {
            throw new LeonardoException($"Leonardo generation {job.GenerationId} completed with no images.", generationId: job.GenerationId);
        }

        var metadata = new Dictionary<string, string>
        {
            ["leonardo.generation_id"] = job.GenerationId!,
            ["leonardo.model_id"] = input.ModelId,
            ["leonardo.init_image_id"] = initImageId,
            ["leonardo.character_reference"] = input.ControlNets![0].StrengthType ?? input.ControlNets[0].Weight!.Value.ToString("0.###", CultureInfo.InvariantCulture),
            ["leonardo.seed"] = (generation.Seed ?? input.Seed ?? 0).ToString(CultureInfo.InvariantCulture),
            ["leonardo.nsfw"] = string.Join(",", generation.GeneratedImages.Select(i => i.Nsfw ? "true" : "false")),
        };
        if (job.Cost is { } reported)
        {
            metadata["leonardo.cost"] = $"{reported.Amount} {reported.Unit}";
        }

        if (simulated)
        {
            metadata["simulated"] = "true";
        }

        return new GenerationResult
        {
            Images = images,
            ProviderRequestId = job.GenerationId,
            CostUsd = CostOf(job, input),
            Latency = Client.Time.GetUtcNow() - start,
            Simulated = simulated,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// Downloads an image of a COMPLETE generation. Leonardo bills a generation at create (the cost comes with its id), so
    /// an image its host answers 404 or 410 for (or 403: the host gets no key, so that is an expired link) is gone from a
    /// call it ran and billed: its verdict, thrown final with the cost as <see cref="ProviderException.ChargedUsd"/>
    /// (charged, not sent again), as fal's expired results are. A 429 or 5xx from the host passes (the image is still
    /// there): retriable, the call collected again later.
    /// </summary>
    private async Task<LeonardoDownload> DownloadAsync(LeonardoGenerationJob job, LeonardoGenerationInput input, string url, CancellationToken cancellationToken)
    {
        try
        {
            return await Client.DownloadAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (LeonardoException ex) when (ex.Status is 404 or 410 || (ex.Status == 403 && !ex.KeySent))
        {
            throw new LeonardoException(
                ExpiredResult.Message("Leonardo", $"generation {job.GenerationId}", ex.Message), ex.Status, job.GenerationId, ex.Body, innerException: ex)
            {
                ChargedUsd = CostOf(job, input),
                KeySent = ex.KeySent,
            };
        }
    }

    /// <summary>
    /// The call's cost in USD: Leonardo's own figure when it reports dollars, its credits times
    /// <see cref="LeonardoProviderOptions.UsdPerCredit"/> when set, else the price table's estimate (0 when there is none).
    /// </summary>
    public decimal CostOf(LeonardoGenerationJob job, LeonardoGenerationInput input)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(input);
        decimal? amount = decimal.TryParse(job.Cost?.Amount, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal a) ? a : null;
        string? unit = job.Cost?.Unit?.ToUpperInvariant();
        if (amount is { } usd && unit == "DOLLARS")
        {
            return usd;
        }

        decimal? credits = unit == "CREDITS" ? amount : job.ApiCreditCost;
        if (credits is { } c && Options.UsdPerCredit is { } rate)
        {
            return c * rate;
        }

        return Descriptor.Prices.Find(LeonardoDescriptor.CharacterReferenceApp) is null
            ? 0m
            : Descriptor.Prices.EstimateImages(LeonardoDescriptor.CharacterReferenceApp, input.Width, input.Height, input.NumImages);
    }

    private static string ExtensionOf(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/webp" => "webp",
        "image/jpeg" or "image/jpg" => "jpg",
        _ => throw new ArgumentException($"Leonardo takes png, jpeg or webp references (got {contentType})."),
    };
}
