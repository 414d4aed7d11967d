using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Astria.Callbacks;
using Likeness.Providers.Astria.Models;

namespace Likeness.Providers.Astria;

/// <summary>
/// Astria behind the core's capabilities: FLUX LoRA tunes (training as a resumable operation from the tune id, then
/// prompts on the Flux base with <c>&lt;lora:ID:strength&gt;</c>) and FaceID (a tune with no training, prompted with
/// <c>&lt;faceid:ID:1&gt;</c>) as reference generation. SDXL tunes (branch <c>sdxl1</c>, which Astria trains as
/// <c>pti</c>) and the free <c>fast</c> branch's mock tunes are prompted directly. Images are downloaded the moment a
/// prompt is done.
/// </summary>
public sealed class AstriaProvider : IIdentityTrainer, ITrainedIdentityGenerator, IReferenceImageGenerator, IResumableGenerator
{
    // A resume token names the price app (what the prompt is charged as) and the prompt under its tune: app#tuneId/promptId.
    private const char AppSeparator = '#';

    /// <summary>The apps a prompt can be charged as, the ones a resume token may name.</summary>
    private static readonly HashSet<string> PromptApps = new(StringComparer.Ordinal) { AstriaDescriptor.PromptApp, AstriaDescriptor.FaceIdPromptApp, AstriaDescriptor.SdxlPromptApp };

    /// <summary>The aspect ratios Astria takes by name (providers.md §3.2); others are sent as width and height.</summary>
    private static readonly HashSet<string> Ratios = new(StringComparer.Ordinal) { "1:1", "16:9", "9:16", "21:9", "9:21", "3:2", "2:3", "5:4", "4:5", "4:3", "3:4" };

    private readonly ConcurrentDictionary<string, long> _faceIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, (string Token, string Class)> _subjects = new();

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public AstriaProvider(AstriaClient client, AstriaProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new AstriaProviderOptions();
        options.Validate();
        Client = client;
        Options = options;
        Descriptor = options.Prices.Apply(AstriaDescriptor.Create(options, client.Options));
    }

    /// <summary>The client.</summary>
    public AstriaClient Client { get; }

    /// <summary>The options.</summary>
    public AstriaProviderOptions Options { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public async Task<TrainingOperation> StartTrainingAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.Training);
        if (request.References.Count == 0)
        {
            throw new ArgumentException("An Astria tune needs images (the docs use four or more).");
        }

        // The title is the transaction id: a retried submission carries the same one, so it can be found (and deduplicated) by it.
        string title = $"likeness-{request.TriggerToken}-{Guid.NewGuid():N}";
        AstriaCallbackTicket? callback = Client.Callbacks.Open($"tune-{title}");
        var tune = new AstriaTuneRequest
        {
            Name = request.Parameters.GetValueOrDefault("class_name") ?? Options.ClassName,
            Title = title,
            Images = Uploads(request.References),
            Token = request.Parameters.GetValueOrDefault("trigger_word") ?? request.TriggerToken,
            Branch = Options.Branch,
            BaseTuneId = Options.IsMock ? null : Options.IsSdxl ? Options.SdxlBaseTuneId : Options.BaseTuneId,
            // SDXL forces pti (providers.md §3.1), and the Flux presets are not for it: nothing to choose there.
            ModelType = Options.IsSdxl ? null : "lora",
            Preset = Options.IsMock || Options.IsSdxl ? null : Options.Preset,
            FaceCrop = Options.FaceCrop,
            Callback = callback?.Url,
        };
        AstriaTune created = await Client.CreateTuneAsync(tune, cancellationToken).ConfigureAwait(false);
        return new AstriaTrainingOperation(this, created.Id, callback);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> ResumeTrainingAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        Require(ProviderCapabilities.Training);
        var operation = new AstriaTrainingOperation(this, TuneIdOf(providerJobId), null);
        await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithIdentityAsync(TrainedGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.TrainedGeneration);
        request.Shot.Validate();
        if (request.ProviderModelIds.Count == 0)
        {
            throw new ArgumentException("Generation with an Astria identity needs its tune id.");
        }

        List<long> tunes = [.. request.ProviderModelIds.Select(TuneIdOf)];
        if (Options.IsMock)
        {
            // A fast-branch tune is a mock checkpoint: it is prompted directly and answers with mock images.
            return await PromptAsync(tunes[0], request.Shot.Prompt, request.Shot, AstriaDescriptor.PromptApp, request.Submitted, cancellationToken).ConfigureAwait(false);
        }

        if (Options.IsSdxl)
        {
            return await PromptSdxlAsync(tunes, request.Shot, request.Submitted, cancellationToken).ConfigureAwait(false);
        }

        // The shot's own scale (a study sweeps it) wins over the configured LoRA strength.
        double strength = ShotNumber.Read(request.Shot, "scale", 0, 2, "An Astria LoRA strength (scale)") ?? Options.LoraStrength;
        string tags = string.Concat(tunes.Where(t => !request.Shot.Prompt.Contains($"<lora:{t}:", StringComparison.Ordinal))
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"<lora:{t}:{strength:0.0##}> ")));
        return await PromptAsync(Options.BaseTuneId, tags + request.Shot.Prompt, request.Shot, AstriaDescriptor.PromptApp, request.Submitted, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(ProviderCapabilities.ReferenceGeneration);
        request.Shot.Validate();
        if (request.References.Count == 0)
        {
            throw new ArgumentException("A FaceID tune needs at least one reference photo.");
        }

        long faceId = await FaceIdTuneAsync(request, cancellationToken).ConfigureAwait(false);
        return await PromptAsync(Options.BaseTuneId, $"<faceid:{faceId}:1> {request.Shot.Prompt}", request.Shot, AstriaDescriptor.FaceIdPromptApp, request.Submitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Collects the prompt a resume token names (<c>app#tuneId/promptId</c>, as the generation that made it reported it:
    /// the price app it is charged as, the tune it was posted to, the prompt): the same wait (polling; the callback went
    /// with the process that stopped), downloads, cost and metadata as that call. A prompt Astria no longer has, or that
    /// finished with no images, throws Astria's verdict; a passing failure throws retriable.
    /// </summary>
    public async Task<GenerationResult> ResumeGenerationAsync(string resumeToken, ShotRequest shot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shot);
        int split = resumeToken?.IndexOf(AppSeparator, StringComparison.Ordinal) ?? -1;
        string[] ids = split < 0 ? [] : resumeToken![(split + 1)..].Split('/');
        if (split < 0 || !PromptApps.Contains(resumeToken![..split]) || ids.Length != 2
            || !long.TryParse(ids[0], NumberStyles.None, CultureInfo.InvariantCulture, out long tuneId) || tuneId <= 0
            || !long.TryParse(ids[1], NumberStyles.None, CultureInfo.InvariantCulture, out long promptId) || promptId <= 0)
        {
            throw new ArgumentException($"'{resumeToken}' is not an Astria resume token (app{AppSeparator}tuneId/promptId).", nameof(resumeToken));
        }

        DateTimeOffset start = Client.Time.GetUtcNow();
        AstriaPrompt prompt = await Client.FollowPromptAsync(tuneId, promptId, cancellationToken).ConfigureAwait(false);
        return await ResultOfAsync(tuneId, prompt, null, shot, resumeToken[..split], start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a finished training is charged: the price table's tune, nothing on the free fast branch.</summary>
    internal decimal TrainingCost() => Options.IsMock ? 0 : Descriptor.Prices.EstimateTraining(Descriptor.AppFor(ProviderCapabilities.Training));

    /// <summary>
    /// "{token} {class} {prompt}" (providers.md §3.2's <c>ohwx man …</c>). A prompt that already opens with the token
    /// (the trigger dialect puts it first) gets the class after it rather than the token twice.
    /// </summary>
    internal static string SubjectText(string token, string className, string prompt)
    {
        string subject = $"{token} {className}";
        if (OpensWith(prompt, subject))
        {
            return prompt;
        }

        return OpensWith(prompt, token) ? subject + prompt[token.Length..] : $"{subject} {prompt}";
    }

    private static bool OpensWith(string text, string words) =>
        text.StartsWith(words, StringComparison.Ordinal) && (text.Length == words.Length || !char.IsLetterOrDigit(text[words.Length]));

    /// <summary>An SDXL (pti) tune is prompted on itself, its token and class first in the text; it takes no LoRA tag.</summary>
    private async Task<GenerationResult> PromptSdxlAsync(List<long> tunes, ShotRequest shot, Func<string, Task>? submitted, CancellationToken cancellationToken)
    {
        if (tunes.Count != 1)
        {
            throw new ArgumentException($"An Astria SDXL shot prompts one tune directly; it cannot combine {tunes.Count}.");
        }

        long tuneId = tunes[0];
        if (!_subjects.TryGetValue(tuneId, out var subject))
        {
            // The tune itself says what it answers to: the token and class it was trained with (one read per tune;
            // ohwx is Astria's SDXL default token, §3.1).
            AstriaTune tune = await Client.GetTuneAsync(tuneId, cancellationToken).ConfigureAwait(false);
            subject = _subjects[tuneId] = (tune.Token ?? "ohwx", tune.Name ?? Options.ClassName);
        }

        return await PromptAsync(tuneId, SubjectText(subject.Token, subject.Class, shot.Prompt), shot, AstriaDescriptor.SdxlPromptApp, submitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The FaceID tune of this reference set: made once (its title names the set, so another process finds it too).</summary>
    private async Task<long> FaceIdTuneAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken)
    {
        string set = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", request.References.Select(r => r.Sha256).Order(StringComparer.Ordinal)))))[..32];
        if (_faceIds.TryGetValue(set, out long known))
        {
            return known;
        }

        string title = $"likeness-faceid-{set}";
        AstriaTune tune = await Client.FindTuneByTitleAsync(title, cancellationToken).ConfigureAwait(false)
            ?? await Client.CreateTuneAsync(
                new AstriaTuneRequest
                {
                    Name = Options.ClassName,
                    Title = title,
                    Images = Uploads(request.References),
                    BaseTuneId = Options.BaseTuneId,
                    ModelType = AstriaClient.FaceIdModelType,
                },
                cancellationToken).ConfigureAwait(false);
        _faceIds[set] = tune.Id;
        return tune.Id;
    }

    private async Task<GenerationResult> PromptAsync(long tuneId, string text, ShotRequest shot, string app, Func<string, Task>? submitted, CancellationToken cancellationToken)
    {
        if (shot.Count is < 1 or > 8)
        {
            throw new ArgumentException($"An Astria prompt makes 1 to 8 images (asked {shot.Count}).");
        }

        bool named = Ratios.Contains(shot.AspectRatio);
        var input = new AstriaPromptRequest
        {
            Text = text,
            NegativePrompt = shot.NegativePrompt.Length == 0 ? null : shot.NegativePrompt,
            NumImages = shot.Count,
            Seed = shot.Seed is >= 0 and <= uint.MaxValue ? shot.Seed : null,
            AspectRatio = named ? shot.AspectRatio : null,
            W = named ? null : RoundTo8(shot.Width),
            H = named ? null : RoundTo8(shot.Height),
            CfgScale = shot.Guidance,
            Steps = shot.Steps,
        };
        DateTimeOffset start = Client.Time.GetUtcNow();
        Func<AstriaPrompt, Task>? created = submitted is null
            ? null
            : made => submitted(string.Create(CultureInfo.InvariantCulture, $"{app}{AppSeparator}{tuneId}/{made.Id}"));
        AstriaPrompt prompt = await Client.RunPromptResumableAsync(tuneId, input, created, cancellationToken).ConfigureAwait(false);
        return await ResultOfAsync(tuneId, prompt, text, shot, app, start, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer of a done prompt: its images downloaded, its cost (the price table's), its metadata.</summary>
    private async Task<GenerationResult> ResultOfAsync(long tuneId, AstriaPrompt prompt, string? text, ShotRequest shot, string app, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var images = new List<GeneratedImage>();
        foreach (string url in prompt.Images)
        {
            byte[] bytes = await Client.DownloadAsync(url, cancellationToken).ConfigureAwait(false);
            images.Add(new GeneratedImage(bytes, ContentTypeOf(bytes), shot.Width, shot.Height));
        }

        if (images.Count == 0)
        {
            throw new AstriaException($"Astria prompt {prompt.Id} finished with no images.", requestId: prompt.Id.ToString(CultureInfo.InvariantCulture));
        }

        return new GenerationResult
        {
            Images = images,
            ProviderRequestId = prompt.Id.ToString(CultureInfo.InvariantCulture),
            // Astria reports no per-call cost (the API draws on the account balance): the price table's, per image.
            CostUsd = Options.IsMock ? 0 : Descriptor.Prices.EstimateImages(app, shot.Width, shot.Height, images.Count),
            Latency = Client.Time.GetUtcNow() - start,
            Metadata = new Dictionary<string, string>
            {
                ["astria.tune_id"] = tuneId.ToString(CultureInfo.InvariantCulture),
                ["astria.prompt_id"] = prompt.Id.ToString(CultureInfo.InvariantCulture),
                ["astria.branch"] = Options.Branch,
                // The text as sent; a collect has it from the prompt Astria keeps (the same text).
                ["astria.text"] = text ?? prompt.Text ?? "",
            },
        };
    }

    private static int RoundTo8(int side) => Math.Max(8, (side + 4) / 8 * 8);

    /// <summary>JPEG or PNG by signature (Astria's image URLs carry no reliable type).</summary>
    private static string ContentTypeOf(byte[] bytes) => bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : "image/jpeg";

    private static long TuneIdOf(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long tune) && tune > 0
        ? tune
        : throw new ArgumentException($"'{id}' is not an Astria tune id.");

    private static List<AstriaUpload> Uploads(IReadOnlyList<ReferencePhoto> photos) =>
        [.. photos.Select((p, i) => new AstriaUpload($"{i:D2}_{p.Sha256[..12]}" + (p.ContentType == "image/png" ? ".png" : ".jpg"), p.Bytes, p.ContentType))];

    private void Require(ProviderCapabilities capability)
    {
        if (!Descriptor.Capabilities.HasFlag(capability))
        {
            throw new NotSupportedException($"{Descriptor.Name} is not registered for {capability}.");
        }
    }
}
