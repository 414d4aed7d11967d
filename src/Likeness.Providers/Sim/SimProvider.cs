using System.Security.Cryptography;
using System.Text;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Prompts;
using Likeness.Core.Providers;
using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Media.Decoding;
using Likeness.Media.Transcoding;

namespace Likeness.Providers.Sim;

/// <summary>
/// The offline provider: deterministic by seed, it makes each shot from a real photo, the character's own
/// with probability <see cref="SimProfile.Fidelity"/> and a distractor's otherwise, framed and lit per
/// scenario. It simulates latency, failures, costs and training, and labels everything it makes as simulated.
/// </summary>
public sealed class SimProvider : IReferenceImageGenerator, IIdentityTrainer, ITrainedIdentityGenerator, IElementVideoGenerator, IDisposable
{
    private readonly SimOptions _options;
    private readonly ISimDistractorSource _distractors;
    private readonly TimeProvider _time;
    private readonly SimBackend _backend;
    private readonly SimReferenceCache _references;
    private readonly WebmEncoder? _clips;

    /// <summary>
    /// Creates the provider for one profile; with <paramref name="clips"/> its videos are WebM (browsers play them) where
    /// ffmpeg is installed, else the Motion-JPEG AVI it renders.
    /// </summary>
    public SimProvider(SimProfile profile, SimOptions options, ISimDistractorSource distractors, IFaceAnalyzer? faces, TimeProvider time, WebmEncoder? clips = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (profile.Fidelity is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(profile), profile.Fidelity, "Fidelity must be between 0 and 1.");
        }

        Profile = profile;
        _options = options;
        _distractors = distractors;
        _time = time;
        _backend = new SimBackend(options.StateDirectory);
        Descriptor = options.Prices.Apply(Describe(profile));
        _references = new SimReferenceCache(profile.Name, faces);
        _clips = clips;
    }

    /// <summary>The profile it simulates.</summary>
    public SimProfile Profile { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <summary>Names used in descriptors for the apps of a profile.</summary>
    public static string AppName(SimProfile profile, ProviderCapabilities capability) => $"{profile.Name}/{capability.ToString().ToLowerInvariant()}";

    /// <inheritdoc />
    public Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCapability(ProviderCapabilities.ReferenceGeneration);
        if (request.Companions.Count > 0)
        {
            RequireCapability(ProviderCapabilities.MultiCharacter);
            return GenerateGroupAsync(request, cancellationToken);
        }

        return GenerateAsync(request.CharacterKey, request.Shot, request.References, Profile.Fidelity, ProviderCapabilities.ReferenceGeneration, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateWithIdentityAsync(TrainedGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCapability(ProviderCapabilities.TrainedGeneration);
        if (request.Weights.Count == 0)
        {
            throw new ProviderException(Descriptor.Name, "Generation with a trained identity needs its weights.", status: 422);
        }

        await using Stream weights = await request.Weights[0].OpenAsync(cancellationToken).ConfigureAwait(false);
        (IReadOnlyList<ReferencePhoto> photos, double? trained) = await SimWeights.UnpackAsync(weights, Descriptor.Name, cancellationToken).ConfigureAwait(false);
        return await GenerateAsync(request.CharacterKey, request.Shot, photos, trained ?? Profile.Fidelity, ProviderCapabilities.TrainedGeneration, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> StartTrainingAsync(TrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCapability(ProviderCapabilities.Training);
        if (request.References.Count < Descriptor.Limits.MinReferences)
        {
            throw new ProviderException(Descriptor.Name, $"Training needs at least {Descriptor.Limits.MinReferences} images (got {request.References.Count}).", status: 422);
        }

        var random = new Random(SeedOf(request.CharacterKey, request.TriggerToken, string.Join(",", request.References.Select(r => r.Sha256))));
        var job = new SimJob
        {
            Id = "simjob_" + Guid.CreateVersion7(_time.GetUtcNow()).ToString("N"),
            Profile = Profile.Name,
            CharacterKey = request.CharacterKey,
            TriggerToken = request.TriggerToken,
            SubmittedAt = _time.GetUtcNow(),
            DurationMs = _options.TrainingDuration.TotalMilliseconds,
            WillFail = random.NextDouble() < _options.TrainingFailureRate,
            ReferenceShas = [.. request.References.Select(r => r.Sha256)],
            Parameters = new Dictionary<string, string>(request.Parameters),
        };
        // The simulator's "submission": it raises the sending signal where a hosted trainer's request would leave.
        await SubmissionWatch.SendingAsync(cancellationToken).ConfigureAwait(false);
        await _backend.SaveAsync(job, request.References, cancellationToken).ConfigureAwait(false);
        return new SimTrainingOperation(this, _backend, job, _time);
    }

    /// <inheritdoc />
    public async Task<TrainingOperation> ResumeTrainingAsync(string providerJobId, CancellationToken cancellationToken = default)
    {
        RequireCapability(ProviderCapabilities.Training);
        SimJob job = await _backend.LoadAsync(Descriptor.Name, providerJobId, cancellationToken).ConfigureAwait(false);
        var operation = new SimTrainingOperation(this, _backend, job, _time);
        await operation.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        return operation;
    }

    /// <summary>
    /// The fidelity a finished training keeps the character with: the profile's, or, when the profile has a
    /// <see cref="SimProfile.TrainingResponse"/>, what it makes of the job's parameters and photos (null: the profile's).
    /// </summary>
    internal double? TrainedFidelity(SimJob job) =>
        Profile.TrainingResponse?.FidelityOf(Profile.Fidelity, TrainingParameters.Read(job.Parameters), job.ReferenceShas.Count);

    private async Task<GenerationResult> GenerateAsync(
        string characterKey, ShotRequest shot, IReadOnlyList<ReferencePhoto> identity, double fidelity, ProviderCapabilities capability, CancellationToken cancellationToken)
    {
        shot.Validate();
        if (identity.Count == 0)
        {
            throw new ProviderException(Descriptor.Name, "At least one reference image is required.", status: 422);
        }

        var random = new Random(SeedOf(Profile.Name, characterKey, shot.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), shot.Prompt, shot.Scenario ?? "", $"{shot.Width}x{shot.Height}"));
        TimeSpan latency = await SimulateCallAsync(random, Profile.MedianLatencyMs, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<ReferencePhoto> distractors = await _distractors.DistractorsForAsync(characterKey, cancellationToken).ConfigureAwait(false);
        Framing framing = FramingOf(shot);
        bool monochrome = IsMonochrome(shot.Prompt);
        var images = new List<GeneratedImage>();
        var outcomes = new List<string>();
        var sources = new List<string>();
        for (int i = 0; i < shot.Count; i++)
        {
            bool keep = random.NextDouble() < fidelity || distractors.Count == 0;
            ReferencePhoto source = keep ? identity[random.Next(identity.Count)] : distractors[random.Next(distractors.Count)];
            var (photo, face) = _references.Get(source, cancellationToken);
            using Image rendered = SimRenderer.Render(photo, face, framing, monochrome, shot.Width, shot.Height, random);
            byte[] jpeg = ImageEncoder.EncodeToBytes(rendered, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = _options.JpegQuality });
            images.Add(new GeneratedImage(jpeg, "image/jpeg", shot.Width, shot.Height));
            outcomes.Add(keep ? "kept" : "drifted");
            sources.Add(source.Sha256[..12]);
        }

        return Result(images, characterKey, shot, latency, capability, fidelity, new Dictionary<string, string>
        {
            ["sim.identity"] = string.Join(",", outcomes),
            ["sim.sources"] = string.Join(",", sources),
            ["sim.framing"] = framing.ToString(),
        });
    }

    /// <summary>A made shot's result: priced at the profile, labelled simulated, with what the sim did in <paramref name="made"/>.</summary>
    private GenerationResult Result(
        List<GeneratedImage> images, string characterKey, ShotRequest shot, TimeSpan latency, ProviderCapabilities capability, double fidelity, Dictionary<string, string> made)
    {
        made["simulated"] = "true";
        made["sim.profile"] = Profile.Name;
        made["sim.fidelity"] = fidelity.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return new GenerationResult
        {
            Images = images,
            ProviderRequestId = "simreq_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{characterKey}|{shot.Seed}|{shot.Prompt}|{Profile.Name}")))[..24],
            CostUsd = Descriptor.Prices.EstimateImages(AppName(Profile, capability), shot.Width, shot.Height, shot.Count),
            Latency = latency,
            Simulated = true,
            Metadata = made,
        };
    }

    /// <summary>
    /// A multi-character shot: one slot per character, side by side. Each slot keeps its character with probability
    /// <see cref="SimProfile.Fidelity"/>; otherwise it bleeds, as multi-character prompts do: half the time it shows
    /// another slot's character (one character twice), else no one or, when the workspace has people outside the
    /// shot, one of them (the character missing). The ground truth is in <c>sim.shown</c>: per slot, the key of the
    /// character it shows, <c>stranger</c> or <c>nobody</c> (two slots that trade places show both, which is no bleed).
    /// </summary>
    private async Task<GenerationResult> GenerateGroupAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken)
    {
        ShotRequest shot = request.Shot;
        shot.Validate();
        var cast = new List<CompanionPhotos> { new(request.CharacterKey, request.References) };
        cast.AddRange(request.Companions);
        if (cast.Any(c => c.References.Count == 0))
        {
            throw new ProviderException(Descriptor.Name, "Every character in a shot needs at least one reference image.", status: 422);
        }

        string keys = string.Join(",", cast.Select(c => c.CharacterKey));
        var random = new Random(SeedOf(Profile.Name, keys, shot.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), shot.Prompt, shot.Scenario ?? "", $"{shot.Width}x{shot.Height}"));
        TimeSpan latency = await SimulateCallAsync(random, Profile.MedianLatencyMs, cancellationToken).ConfigureAwait(false);
        var inShot = cast.SelectMany(c => c.References).Select(r => r.Sha256).ToHashSet(StringComparer.Ordinal);
        var strangers = (await _distractors.DistractorsForAsync(request.CharacterKey, cancellationToken).ConfigureAwait(false)).Where(d => !inShot.Contains(d.Sha256)).ToList();
        bool monochrome = IsMonochrome(shot.Prompt);
        var images = new List<GeneratedImage>();
        var truths = new List<string>();
        for (int i = 0; i < shot.Count; i++)
        {
            var slots = new List<(Image, FaceBox?)?>();
            var truth = new List<string>();
            for (int slot = 0; slot < cast.Count; slot++)
            {
                CompanionPhotos who = cast[slot];
                if (random.NextDouble() < Profile.Fidelity)
                {
                    slots.Add(_references.Get(who.References[random.Next(who.References.Count)], cancellationToken));
                    truth.Add(who.CharacterKey);
                }
                else if (random.Next(2) == 0)
                {
                    CompanionPhotos other = cast[(slot + 1 + random.Next(cast.Count - 1)) % cast.Count];
                    slots.Add(_references.Get(other.References[random.Next(other.References.Count)], cancellationToken));
                    truth.Add(other.CharacterKey);
                }
                else
                {
                    slots.Add(strangers.Count > 0 ? _references.Get(strangers[random.Next(strangers.Count)], cancellationToken) : null);
                    truth.Add(strangers.Count > 0 ? "stranger" : "nobody");
                }
            }

            using Image rendered = SimRenderer.Group(slots, monochrome, shot.Width, shot.Height, random);
            byte[] jpeg = ImageEncoder.EncodeToBytes(rendered, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = _options.JpegQuality });
            images.Add(new GeneratedImage(jpeg, "image/jpeg", shot.Width, shot.Height));
            truths.Add(string.Join("|", truth));
        }

        return Result(images, keys, shot, latency, ProviderCapabilities.ReferenceGeneration, Profile.Fidelity, new Dictionary<string, string>
        {
            ["sim.shown"] = string.Join(",", truths),
            ["sim.characters"] = keys,
        });
    }

    /// <inheritdoc />
    public async Task<VideoResult> GenerateVideoAsync(ElementVideoRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCapability(ProviderCapabilities.ElementVideo);
        var random = new Random(SeedOf(Profile.Name, request.CharacterKey, request.Frontal.Sha256, request.Prompt, request.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), request.AspectRatio));

        // Video takes longer than a still: the median grows with the clip's length.
        TimeSpan latency = await SimulateCallAsync(random, Profile.MedianLatencyMs * request.DurationSeconds, cancellationToken).ConfigureAwait(false);
        var (photo, face) = _references.Get(request.Frontal, cancellationToken);
        byte[] avi = SimVideo.Render(photo, face, request.DurationSeconds, request.AspectRatio, random, _options.JpegQuality, Profile.Name);
        (byte[] clip, string contentType) = await PlayableAsync(avi, cancellationToken).ConfigureAwait(false);
        string id = "simvid_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{request.CharacterKey}|{request.Frontal.Sha256}|{request.Prompt}|{Profile.Name}")))[..24];
        decimal cost = Descriptor.Prices.EstimateVideo(AppName(Profile, ProviderCapabilities.ElementVideo), request.DurationSeconds);
        return new VideoResult(clip, contentType, request.DurationSeconds, id, cost, latency, Simulated: true);
    }

    // WebM where ffmpeg is installed, so a browser's <video> plays the clip (no browser plays Motion-JPEG AVI); the AVI
    // itself where it is not (players such as VLC and ffplay read it, and so does the video identity check's ffmpeg).
    private async Task<(byte[] Clip, string ContentType)> PlayableAsync(byte[] avi, CancellationToken cancellationToken)
    {
        if (_clips is not null)
        {
            try
            {
                return (await _clips.EncodeAsync(avi, ".avi", cancellationToken).ConfigureAwait(false), WebmEncoder.ContentType);
            }
            catch (MediaToolMissingException)
            {
                // No ffmpeg: the AVI below.
            }
        }

        return (avi, "video/x-msvideo");
    }

    /// <summary>Releases the decoded reference photos.</summary>
    public void Dispose() => _references.Dispose();

    private void RequireCapability(ProviderCapabilities capability)
    {
        if (!Profile.Capabilities.HasFlag(capability))
        {
            throw new ProviderException(Descriptor.Name, $"{Descriptor.DisplayName} does not offer {capability}.", status: 404);
        }
    }

    /// <summary>
    /// "Sends" the call: raises the sending signal first, as the HTTP transport does before a paid submission leaves (one
    /// code path for every provider's claims), then draws the latency and throws the injected failures (deterministic by
    /// <paramref name="random"/>).
    /// </summary>
    private async Task<TimeSpan> SimulateCallAsync(Random random, double medianMs, CancellationToken cancellationToken)
    {
        await SubmissionWatch.SendingAsync(cancellationToken).ConfigureAwait(false);
        TimeSpan latency = TimeSpan.FromMilliseconds(medianMs * Math.Exp(Profile.LatencySigma * Gaussian(random)));
        double roll = random.NextDouble();
        if (_options.RealTimeLatency)
        {
            await Task.Delay(latency, _time, cancellationToken).ConfigureAwait(false);
        }

        if (roll < _options.FailureRate)
        {
            throw new ProviderException(Descriptor.Name, "Simulated provider error (injected by the sim failure rate).", status: 503, retriable: true);
        }

        if (roll < _options.FailureRate + _options.TimeoutRate)
        {
            throw new ProviderException(Descriptor.Name, $"Simulated timeout after {latency.TotalSeconds:F1} s (injected by the sim timeout rate).", status: 504, retriable: true);
        }

        return latency;
    }

    private static Framing FramingOf(ShotRequest shot)
    {
        Scenario? scenario = StandardScenarios.All.FirstOrDefault(s => s.Name.Equals(shot.Scenario, StringComparison.OrdinalIgnoreCase));
        if (scenario is not null)
        {
            return scenario.Framing;
        }

        string p = shot.Prompt.ToLowerInvariant();
        return p.Contains("profile", StringComparison.Ordinal) ? Framing.Profile
            : p.Contains("night", StringComparison.Ordinal) || p.Contains("low light", StringComparison.Ordinal) || p.Contains("dark", StringComparison.Ordinal) ? Framing.LowLight
            : p.Contains("running", StringComparison.Ordinal) || p.Contains("action", StringComparison.Ordinal) ? Framing.Action
            : p.Contains("full-body", StringComparison.Ordinal) || p.Contains("full body", StringComparison.Ordinal) || p.Contains("wide", StringComparison.Ordinal) ? Framing.Wide
            : Framing.CloseUp;
    }

    private static bool IsMonochrome(string prompt) =>
        prompt.Contains("black and white", StringComparison.OrdinalIgnoreCase) || prompt.Contains("monochrome", StringComparison.OrdinalIgnoreCase);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static int SeedOf(params string[] parts) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts))));

    private static ProviderDescriptor Describe(SimProfile profile)
    {
        var apps = new Dictionary<ProviderCapabilities, string>();
        var prices = new List<Price>();
        foreach (ProviderCapabilities capability in new[] { ProviderCapabilities.ReferenceGeneration, ProviderCapabilities.TrainedGeneration, ProviderCapabilities.Training, ProviderCapabilities.ElementVideo })
        {
            if (!profile.Capabilities.HasFlag(capability))
            {
                continue;
            }

            string app = AppName(profile, capability);
            apps[capability] = app;
            prices.Add(capability == ProviderCapabilities.Training
                ? new Price(app, PriceUnit.Training, profile.TrainingPriceUsd, "simulated")
                : capability == ProviderCapabilities.ElementVideo
                ? new Price(app, PriceUnit.VideoSecond, profile.VideoPricePerSecondUsd, "simulated (Kling O1 Pro's $0.112/s, providers.md §1.7)")
                : profile.PricePerImageUsd is { } perImage
                    ? new Price(app, PriceUnit.Image, perImage, "simulated")
                    : new Price(app, PriceUnit.Megapixel, profile.PricePerMegapixelUsd ?? 0m, "simulated"));
        }

        return new ProviderDescriptor
        {
            Name = profile.Name,
            DisplayName = profile.DisplayName,
            Capabilities = profile.Capabilities,
            Apps = apps,
            Prices = new PriceTable(prices),
            Simulated = true,
            TrainedDialect = PromptDialect.ReplicateTrigger,
            Limits = new ProviderLimits { MinReferences = 1, MaxReferences = 20, MaxConcurrency = 4 },
            // The sim takes the FLUX trainers' parameters over wide ranges; its fidelity may answer them (SimTrainingResponse).
            Training = profile.Capabilities.HasFlag(ProviderCapabilities.Training)
                ? new TrainingLimits
                {
                    Steps = new ParameterRange(1, 10_000, SimTrainingResponse.BaselineSteps),
                    Rank = new ParameterRange(1, 128, SimTrainingResponse.BaselineRank),
                    LearningRate = new ParameterRange(1e-6, 1e-2, SimTrainingResponse.BaselineLearningRate),
                }
                : TrainingLimits.None,
        };
    }
}
