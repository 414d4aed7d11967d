using System.Collections.Concurrent;
using System.Globalization;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Fal.Models;
using Likeness.Providers.Fal.Storage;
using Likeness.Providers.Http;

namespace Likeness.Providers.Fal;

/// <summary>
/// fal.ai behind the core's capabilities: Instant Character (references), FLUX LoRA fast training (a
/// resumable operation), FLUX LoRA generation and Kling O1 elements video. Every output file is downloaded
/// the moment its request completes, because fal's results and media expire. Shots and videos are resumable: their
/// token (<c>app#request id</c>) lets another process collect a request fal has instead of sending it again. A result
/// or file that expired before it was collected is fal's verdict on a request it ran and billed: it is thrown with
/// the price as <see cref="ProviderException.ChargedUsd"/>, so it is charged and not sent again.
/// </summary>
public sealed class FalProvider : IReferenceImageGenerator, IIdentityTrainer, ITrainedIdentityGenerator, IResumableVideoGenerator, IResumableGenerator
{
    /// <summary>The provider's registry name.</summary>
    public const string Name = "fal";

    // A resume token names the app and the request: fal's status and result routes need both.
    private const char ResumeSeparator = '#';

    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];
    private readonly ConcurrentDictionary<string, (string Url, DateTimeOffset At)> _uploads = new(StringComparer.Ordinal);

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public FalProvider(FalClient client, FalProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new FalProviderOptions();
        options.Validate();
        Client = client;
        Options = options;
        Descriptor = options.Prices.Apply(FalDescriptor.Create(options, client.Options));
    }

    /// <summary>The client.</summary>
    public FalClient Client { get; }

    /// <summary>The options.</summary>
    public FalProviderOptions Options { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.ReferenceGeneration);
        ShotRequest shot = request.Shot;
        shot.Validate();
        // Instant Character takes one subject photo: the frontal one when there is one.
        ReferencePhoto subject = request.References.OrderBy(r => r.Role == ReferenceRole.Frontal ? 0 : 1).FirstOrDefault()
            ?? throw new ArgumentException("Instant Character needs a reference photo.");
        string imageUrl = await Client.Storage.ToInputUrlAsync(subject.Bytes, subject.ContentType, FileNameOf(subject), cancellationToken).ConfigureAwait(false);
        var input = new InstantCharacterInput
        {
            Prompt = shot.Prompt,
            ImageUrl = imageUrl,
            NegativePrompt = shot.NegativePrompt.Length == 0 ? null : shot.NegativePrompt,
            Scale = ScaleOf(shot),
        };
        return await GenerateAsync(FalApps.InstantCharacter, Fill(input, shot), shot, request.Submitted, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithIdentityAsync(TrainedGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.TrainedGeneration);
        request.Shot.Validate();
        if (request.Weights.Count == 0)
        {
            throw new ArgumentException("Generation with a trained identity needs its LoRA weights.");
        }

        var loras = new List<FalLoraWeight>();
        foreach (TrainedWeights weights in request.Weights)
        {
            loras.Add(new FalLoraWeight(await LoraUrlAsync(weights, cancellationToken).ConfigureAwait(false), ScaleOf(request.Shot) ?? weights.Scale));
        }

        // FLUX LoRA has no negative prompt: the trigger word in the prompt and the LoRAs carry the identity.
        var input = new FluxLoraInput { Prompt = request.Shot.Prompt, Loras = loras };
        return await GenerateAsync(FalApps.FluxLora, Fill(input, request.Shot), request.Shot, request.Submitted, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> StartTrainingAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.Training);
        if (request.References.Count == 0)
        {
            throw new ArgumentException("Training needs at least one image (fal recommends four or more).");
        }

        int steps = request.Parameters.TryGetValue("steps", out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : Options.TrainingSteps;
        string trigger = request.Parameters.GetValueOrDefault("trigger_word") ?? request.TriggerToken;
        var images = request.References.Select((r, i) => new TrainingImage($"{i:D2}_{r.Sha256[..12]}", r.Bytes, r.ContentType, r.Caption)).ToList();
        byte[] zip = TrainingArchive.Build(images, trigger);
        string archiveUrl = await Client.Storage.ToInputUrlAsync(zip, "application/zip", $"{trigger}-training.zip", cancellationToken).ConfigureAwait(false);
        var input = new FluxLoraTrainingInput { ImagesDataUrl = archiveUrl, TriggerWord = trigger, Steps = steps, CreateMasks = true };
        FalRequestHandle handle = await Client.SubmitAsync(FalApps.FluxLoraFastTraining, input, Options.WebhookUrl, cancellationToken).ConfigureAwait(false);
        return new FalTrainingOperation(this, handle);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> ResumeTrainingAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        Require(ProviderCapabilities.Training);
        var operation = new FalTrainingOperation(this, Client.Rehydrate(FalApps.FluxLoraFastTraining, providerJobId));
        await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <inheritdoc />
    public async Task<VideoResult> GenerateVideoAsync(ElementVideoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.ElementVideo);
        if (request.DurationSeconds is < 3 or > 10)
        {
            throw new ArgumentException($"Kling O1 makes 3 to 10 s of video (asked {request.DurationSeconds} s).");
        }

        if (!AspectRatios.Contains(request.AspectRatio))
        {
            throw new ArgumentException($"Kling O1 takes aspect ratio 16:9, 9:16 or 1:1 (asked {request.AspectRatio}).");
        }

        if (request.References.Count is < 1 or > 3)
        {
            throw new ArgumentException($"A Kling element takes 1 to 3 references besides the frontal image (got {request.References.Count}).");
        }

        DateTimeOffset start = Client.Time.GetUtcNow();
        string frontal = await Client.Storage.ToInputUrlAsync(request.Frontal.Bytes, request.Frontal.ContentType, FileNameOf(request.Frontal), cancellationToken).ConfigureAwait(false);
        var references = new List<string>();
        foreach (ReferencePhoto photo in request.References)
        {
            references.Add(await Client.Storage.ToInputUrlAsync(photo.Bytes, photo.ContentType, FileNameOf(photo), cancellationToken).ConfigureAwait(false));
        }

        var input = new KlingReferenceToVideoInput
        {
            Prompt = request.Prompt,
            Elements = [new KlingElement(frontal, references)],
            Duration = request.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            AspectRatio = request.AspectRatio,
        };
        string app = FalApps.KlingO1ReferenceToVideo;
        decimal cost = Descriptor.Prices.EstimateVideo(app, request.DurationSeconds);
        return await BilledIfGoneAsync(cost, async () =>
        {
            FalResult<FalVideoOutput> result = await Client.SubscribeAsync<KlingReferenceToVideoInput, FalVideoOutput>(
                app, input, null, Submitted(request.Submitted), cancellationToken).ConfigureAwait(false);
            return await VideoOfAsync(result, request.DurationSeconds, cost, start, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<VideoResult> ResumeVideoAsync(string resumeToken, int durationSeconds, CancellationToken cancellationToken = default)
    {
        Require(ProviderCapabilities.ElementVideo);
        (string app, string requestId) = ParseToken(resumeToken);
        DateTimeOffset start = Client.Time.GetUtcNow();
        decimal cost = Descriptor.Prices.EstimateVideo(app, durationSeconds);
        return await BilledIfGoneAsync(cost, async () =>
        {
            FalResult<FalVideoOutput> result = await Client.CollectAsync<FalVideoOutput>(Client.Rehydrate(app, requestId), cancellationToken).ConfigureAwait(false);
            return await VideoOfAsync(result, durationSeconds, cost, start, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<VideoResult> VideoOfAsync(FalResult<FalVideoOutput> result, int durationSeconds, decimal cost, DateTimeOffset start, CancellationToken cancellationToken)
    {
        byte[] video = await Client.DownloadAsync(result.Value.Video.Url, cancellationToken).ConfigureAwait(false);
        return new VideoResult(video, result.Value.Video.ContentType ?? "video/mp4", durationSeconds, result.RequestId, cost, Client.Time.GetUtcNow() - start, Simulated: false);
    }

    /// <summary>Maps the shot's size, count, seed, steps and guidance onto fal's image fields.</summary>
    internal T Fill<T>(T input, ShotRequest shot)
        where T : FalImageInput => input with
        {
            ImageSize = new FalImageSize(shot.Width, shot.Height),
            NumImages = shot.Count,
            Seed = shot.Seed,
            OutputFormat = Options.OutputFormat,
            GuidanceScale = shot.Guidance,
            NumInferenceSteps = shot.Steps,
        };

    /// <inheritdoc />
    public async Task<GenerationResult> ResumeGenerationAsync(string resumeToken, ShotRequest shot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shot);
        (string app, string requestId) = ParseToken(resumeToken);
        DateTimeOffset start = Client.Time.GetUtcNow();
        return await BilledIfGoneAsync(ImagesPrice(app, shot), async () =>
        {
            FalResult<FalImageOutput> result = await Client.CollectAsync<FalImageOutput>(Client.Rehydrate(app, requestId), cancellationToken).ConfigureAwait(false);
            return await ResultOfAsync(app, result, shot, start, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task<GenerationResult> GenerateAsync<TInput>(string app, TInput input, ShotRequest shot, Func<string, Task>? submitted, CancellationToken cancellationToken)
        where TInput : FalImageInput
    {
        DateTimeOffset start = Client.Time.GetUtcNow();
        return await BilledIfGoneAsync(ImagesPrice(app, shot), async () =>
        {
            FalResult<FalImageOutput> result = await Client.SubscribeAsync<TInput, FalImageOutput>(app, input, null, Submitted(submitted), cancellationToken).ConfigureAwait(false);
            return await ResultOfAsync(app, result, shot, start, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>The request's resume token (<c>app#request id</c>) told to <paramref name="submitted"/> once fal has queued it.</summary>
    private static Func<FalRequestHandle, Task>? Submitted(Func<string, Task>? submitted) =>
        submitted is null ? null : handle => submitted($"{handle.EndpointId}{ResumeSeparator}{handle.RequestId}");

    /// <summary>The app and request id a resume token names.</summary>
    private static (string App, string RequestId) ParseToken(string resumeToken)
    {
        int split = resumeToken?.IndexOf(ResumeSeparator, StringComparison.Ordinal) ?? -1;
        if (split <= 0 || split == resumeToken!.Length - 1)
        {
            throw new ArgumentException($"'{resumeToken}' is not a fal resume token (app{ResumeSeparator}request id).", nameof(resumeToken));
        }

        return (resumeToken[..split], resumeToken[(split + 1)..]);
    }

    /// <summary>What the shot's images cost at <paramref name="app"/>: what fal bills for the request it ran.</summary>
    private decimal ImagesPrice(string app, ShotRequest shot) => Descriptor.Prices.EstimateImages(app, shot.Width, shot.Height, shot.Count);

    /// <summary>
    /// Runs <paramref name="collect"/> (follow a request, read its result, download its files); a result or file fal no
    /// longer has (it keeps results 1 h, 6 min when large, and media for a while) is its verdict on a request it ran
    /// and billed: rethrown as final with <paramref name="price"/> charged, so that it is not sent (and paid) again.
    /// </summary>
    private static async Task<T> BilledIfGoneAsync<T>(decimal price, Func<Task<T>> collect)
    {
        try
        {
            return await collect().ConfigureAwait(false);
        }
        catch (FalException ex) when (ex.ErrorType is FalClient.ResultExpired or FalClient.MediaExpired)
        {
            throw new FalException(
                ExpiredResult.Message(Name, ex.RequestId is null ? "the request" : $"request {ex.RequestId}", ex.Message),
                ex.Status, ex.RequestId, ex.Body, ex.ErrorType, ex.ValidationErrors, retriable: false, innerException: ex) { ChargedUsd = price, KeySent = ex.KeySent };
        }
    }

    private async Task<GenerationResult> ResultOfAsync(string app, FalResult<FalImageOutput> result, ShotRequest shot, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var images = new List<GeneratedImage>();
        decimal cost = 0;
        foreach (FalImage image in result.Value.Images)
        {
            // fal's media expire: copy each image before returning.
            byte[] bytes = await Client.DownloadAsync(image.Url, cancellationToken).ConfigureAwait(false);
            int width = image.Width ?? shot.Width, height = image.Height ?? shot.Height;
            images.Add(new GeneratedImage(bytes, image.ContentType ?? (Options.OutputFormat == "png" ? "image/png" : "image/jpeg"), width, height));
            cost += Descriptor.Prices.EstimateImages(app, width, height, 1);
        }

        if (images.Count == 0)
        {
            throw new FalException($"{app} returned no images.", result.HttpStatus, result.RequestId);
        }

        var metadata = new Dictionary<string, string> { ["fal.app"] = app, ["fal.request_id"] = result.RequestId ?? "" };
        if (result.Value.Seed is { } seed)
        {
            metadata["fal.seed"] = seed.ToString(CultureInfo.InvariantCulture);
        }

        if (result.Value.HasNsfwConcepts is { Count: > 0 } nsfw)
        {
            metadata["fal.has_nsfw_concepts"] = string.Join(",", nsfw.Select(n => n ? "true" : "false"));
        }

        if (result.Value.Timings?.GetValueOrDefault("inference") is { } inference and > 0)
        {
            metadata["fal.inference_s"] = inference.ToString("0.###", CultureInfo.InvariantCulture);
        }

        return new GenerationResult
        {
            Images = images,
            ProviderRequestId = result.RequestId,
            CostUsd = cost,
            Latency = Client.Time.GetUtcNow() - start,
            Metadata = metadata,
        };
    }

    /// <summary>The LoRA's fal URL: its source URL while fal still serves it, else the stored bytes uploaded again.</summary>
    private async Task<string> LoraUrlAsync(TrainedWeights weights, CancellationToken cancellationToken)
    {
        DateTimeOffset now = Client.Time.GetUtcNow();
        if (_uploads.TryGetValue(weights.Sha256, out var uploaded) && now - uploaded.At < Options.UploadReuse)
        {
            return uploaded.Url;
        }

        if (weights.SourceUri is { } source && await StillServedAsync(source, cancellationToken).ConfigureAwait(false))
        {
            return source.AbsoluteUri;
        }

        await using Stream stream = await weights.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        Uri url = await Client.Storage.UploadAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "application/octet-stream", $"lora-{weights.Sha256[..16]}.safetensors", cancellationToken).ConfigureAwait(false);
        _uploads[weights.Sha256] = (url.AbsoluteUri, now);
        return url.AbsoluteUri;
    }

    private async Task<bool> StillServedAsync(Uri source, CancellationToken cancellationToken)
    {
        try
        {
            // Headers only: LoRA files run to hundreds of MB.
            using HttpResponseMessage response = await Client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, source), RequestKind.Idempotent, "Checking a LoRA URL", cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (FalException)
        {
            return false;
        }
    }

    /// <summary>The shot's <c>scale</c> provider parameter (a study sweeps it): Instant Character's scale, or every LoRA's.</summary>
    private static double? ScaleOf(ShotRequest shot) => ShotNumber.Read(shot, "scale", 0, 2, "A fal scale");

    private void Require(ProviderCapabilities capability)
    {
        if (!Descriptor.Capabilities.HasFlag(capability))
        {
            throw new NotSupportedException($"{Descriptor.Name} is not registered for {capability}.");
        }
    }

    // References may be WebP since the reference check accepts it; the name's extension follows the media type.
    private static string FileNameOf(ReferencePhoto photo) =>
        photo.Sha256[..16] + TrainingArchive.ExtensionOf(photo.ContentType);
}
