using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Providers.Fal.Storage;
using Likeness.Providers.Replicate.Models;

namespace Likeness.Providers.Replicate;

/// <summary>
/// Replicate behind the core's capabilities: LoRA training with <c>ostris/flux-dev-lora-trainer</c> (or an SDXL
/// trainer) into a destination model it creates when missing (a resumable operation), and generation with the
/// trained version. Every charge is the GPU rate times the <c>metrics.predict_time</c> Replicate measured; outputs
/// and weights are downloaded the moment the job ends, because Replicate removes them after an hour.
/// </summary>
public sealed class ReplicateProvider : ITrainedIdentityGenerator, IIdentityTrainer, IResumableGenerator
{
    private string? _owner;

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public ReplicateProvider(ReplicateClient client, ReplicateProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new ReplicateProviderOptions();
        options.Validate();
        Client = client;
        Options = options;
        Descriptor = options.Prices.Apply(ReplicateDescriptor.Create(options, client.Options));
    }

    /// <summary>The client.</summary>
    public ReplicateClient Client { get; }

    /// <summary>The options.</summary>
    public ReplicateProviderOptions Options { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <summary>What <paramref name="job"/> cost: the GPU rate times its measured predict time (0 when aborted or unmeasured).</summary>
    public decimal CostOf(ReplicatePrediction job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status == ReplicateStatus.Aborted || job.Metrics?.PredictTime is not { } seconds || seconds <= 0)
        {
            return 0;
        }

        return Math.Round((decimal)seconds * Options.GpuSecondUsd, 6);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> StartTrainingAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.Training);
        if (request.References.Count == 0)
        {
            throw new ArgumentException("Training needs images (the FLUX trainer recommends ten or more).");
        }

        string trigger = request.Parameters.GetValueOrDefault("trigger_word") ?? request.TriggerToken;
        var images = request.References
            .Select((r, i) => new TrainingImage($"{i:D2}_{r.Sha256[..12]}", r.Bytes, r.ContentType, Options.SupplyCaptions ? r.Caption ?? Caption(trigger, r.Role) : null))
            .ToList();
        byte[] zip = TrainingArchive.Build(images, trigger);
        ReplicateFile archive = await Client.UploadFileAsync(zip, "application/zip", $"{trigger}-training.zip", cancellationToken).ConfigureAwait(false);
        string archiveUrl = archive.Urls.Get?.AbsoluteUri ?? throw new ReplicateException("Replicate stored the training zip without a URL.", predictionId: archive.Id);
        string owner = _owner ??= Options.Owner ?? await Client.GetAccountNameAsync(cancellationToken).ConfigureAwait(false);
        string destination = $"{owner}/{Options.DestinationPrefix}{trigger}".ToLowerInvariant();
        JsonElement input = TrainingInput(archiveUrl, trigger, request.Parameters);
        var run = new ReplicateRunOptions { Webhook = Options.WebhookUrl, WebhookEventsFilter = Options.WebhookUrl is null ? null : ["completed"] };
        ReplicatePrediction training = await Client.CreateTrainingAsync(Options.TrainerModelOrDefault, destination, input, Options.Destination, run, cancellationToken).ConfigureAwait(false);
        return new ReplicateTrainingOperation(this, training);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> ResumeTrainingAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        Require(ProviderCapabilities.Training);
        ReplicatePrediction training = await Client.GetTrainingAsync(providerJobId, cancellationToken).ConfigureAwait(false);
        var operation = new ReplicateTrainingOperation(this, training);
        await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithIdentityAsync(TrainedGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.TrainedGeneration);
        ShotRequest shot = request.Shot;
        shot.Validate();
        string version = (request.ProviderModelIds.Count > 0 ? request.ProviderModelIds[0] : null)
            ?? throw new ArgumentException("Generation at Replicate needs the trained version (the identity has no provider model).");
        // The shot's own scale (a study sweeps it) wins over the weights' (lora_scale: -1 to 2, providers.md §2.3).
        double scale = ShotNumber.Read(shot, "scale", -1, 2, "A Replicate lora_scale") ?? (request.Weights.Count > 0 ? request.Weights[0].Scale : 1.0);
        JsonElement input = GenerationInput(shot, scale);
        DateTimeOffset start = Client.Time.GetUtcNow();
        var created = new LatestPrediction();
        // The resume token is the prediction id: GET /predictions/{id} finds it again from any process.
        Func<ReplicatePrediction, Task>? submitted = request.Submitted is { } tell ? made => tell(made.Id) : null;
        ReplicatePrediction done;
        try
        {
            done = await Client.RunResumableAsync(ReplicateTarget.OfVersion(version), input, submitted, created, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested && created.Value is { } started)
        {
            throw await CancelledAsync(started, ex).ConfigureAwait(false);
        }

        return await ResultOfAsync(done, shot, start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Collects the prediction a resume token names (its id, as <see cref="GenerateWithIdentityAsync"/> reported it):
    /// the same wait, downloads, cost and metadata as the call that created it. A prediction that failed, was canceled
    /// or aborted, or that Replicate does not know, throws Replicate's verdict; a passing failure throws retriable.
    /// </summary>
    public async Task<GenerationResult> ResumeGenerationAsync(string resumeToken, ShotRequest shot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (string.IsNullOrEmpty(resumeToken) || !resumeToken.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"'{resumeToken}' is not a Replicate resume token (a prediction id: letters and digits).", nameof(resumeToken));
        }

        DateTimeOffset start = Client.Time.GetUtcNow();
        ReplicatePrediction done = await Client.FollowAsync(resumeToken, null, cancellationToken).ConfigureAwait(false);
        return await ResultOfAsync(done, shot, start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer of a terminal prediction: its images downloaded, its cost, its metadata; or the exception for one that ended without them.</summary>
    private async Task<GenerationResult> ResultOfAsync(ReplicatePrediction done, ShotRequest shot, DateTimeOffset start, CancellationToken cancellationToken)
    {
        decimal cost = CostOf(done);
        if (done.Status != ReplicateStatus.Succeeded)
        {
            throw Ended(done, "Prediction", cost);
        }

        IReadOnlyList<string> urls;
        try
        {
            urls = OutputUrls(done);
        }
        catch (ReplicateException ex)
        {
            // It ran and Replicate billed it, but its output is gone (removed after an hour): the charge stands.
            throw new ReplicateException(ex.Message, predictionId: done.Id, innerException: ex) { ChargedUsd = cost };
        }

        var images = new List<GeneratedImage>();
        foreach (string url in urls)
        {
            // Replicate removes outputs after an hour: copy each image before returning.
            byte[] bytes = await Client.DownloadAsync(url, cancellationToken).ConfigureAwait(false);
            images.Add(new GeneratedImage(bytes, ContentTypeOf(bytes), shot.Width, shot.Height));
        }

        if (images.Count == 0)
        {
            throw new ReplicateException($"Prediction {done.Id} returned no images.", predictionId: done.Id) { ChargedUsd = cost };
        }

        var metadata = new Dictionary<string, string> { ["replicate.prediction_id"] = done.Id };
        if (done.Version is { Length: > 0 } version)
        {
            metadata["replicate.version"] = version;
        }

        if (done.Metrics?.PredictTime is { } predict)
        {
            metadata["replicate.predict_time_s"] = predict.ToString("0.###", CultureInfo.InvariantCulture);
        }

        return new GenerationResult
        {
            Images = images,
            ProviderRequestId = done.Id,
            CostUsd = cost,
            Latency = Client.Time.GetUtcNow() - start,
            Metadata = metadata,
        };
    }

    /// <summary>
    /// The caller cancelled <paramref name="started"/> (the client has asked Replicate to cancel it): when Replicate
    /// reports GPU time for it, the cancellation carries that charge; otherwise (never started, or no answer in time)
    /// it stays the plain cancellation.
    /// </summary>
    private async Task<OperationCanceledException> CancelledAsync(ReplicatePrediction started, OperationCanceledException cancelled)
    {
        try
        {
            using var shortly = new CancellationTokenSource(TimeSpan.FromSeconds(10), Client.Time);
            ReplicatePrediction now = await Client.GetPredictionAsync(started.Id, shortly.Token).ConfigureAwait(false);
            decimal cost = CostOf(now);
            return cost > 0
                ? new BilledCancellationException($"Prediction {now.Id} was cancelled after it started; Replicate charges the {now.Metrics?.PredictTime:0.###} s it ran.", cost, now.Id, cancelled.CancellationToken)
                : cancelled;
        }
        catch (Exception ex) when (ex is ReplicateException or OperationCanceledException)
        {
            return cancelled;
        }
    }

    /// <summary>The last prediction state the client reported (the first report is the created prediction).</summary>
    private sealed class LatestPrediction : IProgress<ReplicatePrediction>
    {
        public ReplicatePrediction? Value { get; private set; }

        public void Report(ReplicatePrediction value) => Value = value;
    }

    /// <summary>The exception for a job that ended without output, carrying what Replicate charged for it.</summary>
    internal static ReplicateException Ended(ReplicatePrediction job, string kind, decimal cost)
    {
        string why = job.Status switch
        {
            ReplicateStatus.Canceled => "was canceled (charged for the time it ran)",
            ReplicateStatus.Aborted => "was aborted before it started (not charged)",
            _ => $"failed: {job.ErrorText ?? "no error given"}",
        };
        return new ReplicateException($"{kind} {job.Id} {why}.", predictionId: job.Id) { ChargedUsd = cost };
    }

    /// <summary>The file URLs of an output: one URL or a list of them. Throws when Replicate already removed them.</summary>
    public static IReadOnlyList<string> OutputUrls(ReplicatePrediction job)
    {
        if (job.Output is not { } output || output.ValueKind == JsonValueKind.Null)
        {
            throw new ReplicateException(
                job.DataRemoved ? $"Replicate removed the output of {job.Id} (it keeps API outputs 1 h) before it was copied." : $"{job.Id} succeeded without output.",
                predictionId: job.Id);
        }

        return output.ValueKind switch
        {
            JsonValueKind.String => [output.GetString()!],
            JsonValueKind.Array => [.. output.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
            _ => throw new ReplicateException($"{job.Id} returned output Likeness cannot read ({output.ValueKind}).", predictionId: job.Id),
        };
    }

    /// <summary>The trainer's input; request parameters (<c>steps</c>, <c>learning_rate</c>, <c>lora_rank</c>) override the options.</summary>
    internal JsonElement TrainingInput(string archiveUrl, string trigger, IReadOnlyDictionary<string, string> parameters)
    {
        int steps = Int(parameters, "steps") ?? Options.TrainingSteps;
        bool flux = Options.Trainer == ReplicateTrainer.FluxLora;
        double rate = Double(parameters, "learning_rate") ?? Options.LearningRate ?? (flux ? 4e-4 : 1e-4);
        int rank = Int(parameters, "lora_rank") ?? Options.LoraRank ?? (flux ? 16 : 32);
        JsonObject input = flux
            ? new JsonObject
            {
                ["input_images"] = archiveUrl, ["trigger_word"] = trigger, ["autocaption"] = !Options.SupplyCaptions,
                ["steps"] = steps, ["learning_rate"] = rate, ["lora_rank"] = rank,
            }
            : new JsonObject
            {
                ["input_images"] = archiveUrl, ["token_string"] = trigger, ["is_lora"] = true, ["use_face_detection_instead"] = true,
                ["max_train_steps"] = steps, ["lora_lr"] = rate, ["lora_rank"] = rank,
            };
        return JsonSerializer.SerializeToElement(input, ReplicateJson.Options);
    }

    /// <summary>The trained model's input for one shot (the FLUX fine-tune's <c>predict()</c>, or SDXL's).</summary>
    internal JsonElement GenerationInput(ShotRequest shot, double loraScale)
    {
        if (shot.Width is < 256 or > 1440 || shot.Height is < 256 or > 1440)
        {
            throw new ArgumentException($"Replicate FLUX fine-tunes make 256 to 1440 px a side (asked {shot.Width}x{shot.Height}).");
        }

        if (shot.Count is < 1 or > 4)
        {
            throw new ArgumentException($"Replicate makes 1 to 4 images a call (asked {shot.Count}).");
        }

        bool flux = Options.Trainer == ReplicateTrainer.FluxLora;
        var input = new JsonObject
        {
            ["prompt"] = shot.Prompt,
            ["width"] = shot.Width,
            ["height"] = shot.Height,
            ["num_outputs"] = shot.Count,
            ["lora_scale"] = loraScale,
            ["seed"] = shot.Seed,
        };
        if (flux)
        {
            input["aspect_ratio"] = "custom";
            input["output_format"] = Options.OutputFormat;
            if (Options.ExtraLora is { } extra)
            {
                input["extra_lora"] = extra;
                input["extra_lora_scale"] = Options.ExtraLoraScale;
            }
        }
        else if (shot.NegativePrompt.Length > 0)
        {
            input["negative_prompt"] = shot.NegativePrompt;
        }

        if (shot.Steps is { } steps)
        {
            input["num_inference_steps"] = steps;
        }

        if (shot.Guidance is { } guidance)
        {
            input["guidance_scale"] = guidance;
        }

        return JsonSerializer.SerializeToElement(input, ReplicateJson.Options);
    }

    /// <summary>The content type of an image from its first bytes (WebP, PNG or JPEG).</summary>
    public static string ContentTypeOf(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : "image/jpeg";

    private static string Caption(string trigger, ReferenceRole role) => role switch
    {
        ReferenceRole.Frontal => $"a frontal portrait photo of {trigger}",
        ReferenceRole.ThreeQuarter => $"a three-quarter view photo of {trigger}",
        ReferenceRole.Profile => $"a profile photo of {trigger}",
        ReferenceRole.FullBody => $"a full-body photo of {trigger}",
        ReferenceRole.CloseUp => $"a close-up photo of the face of {trigger}",
        _ => $"a photo of {trigger}",
    };

    private static int? Int(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out string? text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;

    private static double? Double(IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    private void Require(ProviderCapabilities capability)
    {
        if (!Descriptor.Capabilities.HasFlag(capability))
        {
            throw new NotSupportedException($"{Descriptor.Name} is not registered for {capability}.");
        }
    }
}
