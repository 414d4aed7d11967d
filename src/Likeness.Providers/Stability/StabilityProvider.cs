using System.Globalization;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Imaging;
using Likeness.Providers.Stability.Models;

namespace Likeness.Providers.Stability;

/// <summary>
/// Stability AI behind the core's reference generation: the character's reference photo goes to sd3
/// image-to-image (with <c>strength</c>), structure control or style control, as the registration's
/// <see cref="StabilityProviderOptions.Approach"/> says. A shot may set the strength itself
/// (<see cref="ShotRequest.ProviderParameters"/>: <c>strength</c>, <c>control_strength</c> or <c>fidelity</c>), which is
/// how a study sweeps it. An image Stability's moderation filtered comes back <see cref="GenerationResult.Moderated"/>.
/// </summary>
public sealed class StabilityProvider : IReferenceImageGenerator
{
    /// <summary>The shot parameter naming the image-to-image strength.</summary>
    public const string StrengthParameter = "strength";

    /// <summary>The shot parameter naming structure control's strength.</summary>
    public const string ControlStrengthParameter = "control_strength";

    /// <summary>The shot parameter naming style control's fidelity.</summary>
    public const string FidelityParameter = "fidelity";

    private static readonly string[] StyleAspectRatios = ["16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"];

    /// <summary>Creates the provider over <paramref name="client"/>.</summary>
    public StabilityProvider(StabilityClient client, StabilityProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new StabilityProviderOptions();
        options.Validate();
        Client = client;
        Options = options;
        Descriptor = options.Prices.Apply(StabilityDescriptor.Create(options, client.Options));
    }

    /// <summary>The client.</summary>
    public StabilityClient Client { get; }

    /// <summary>The options.</summary>
    public StabilityProviderOptions Options { get; }

    /// <inheritdoc />
    public ProviderDescriptor Descriptor { get; }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateFromReferencesAsync(ReferenceGenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ShotRequest shot = request.Shot;
        shot.Validate();
        ReferencePhoto subject = request.References.OrderBy(r => r.Role == ReferenceRole.Frontal ? 0 : 1).FirstOrDefault()
            ?? throw new ArgumentException("Stability image-to-image needs a reference photo.");
        string app = Descriptor.AppFor(ProviderCapabilities.ReferenceGeneration);
        (string name, double value) = Conditioning(shot);
        DateTimeOffset start = Client.Time.GetUtcNow();
        var images = new List<GeneratedImage>();
        var seeds = new List<string>();
        var reasons = new List<string>();
        bool simulated = false;
        for (int i = 0; i < shot.Count; i++)
        {
            // One image per call: each further image is its own paid call with the next seed.
            StabilityImageRequest call = Build(shot, subject, (shot.Seed + i) % 4_294_967_295L, value);
            StabilityImage image = Options.Approach switch
            {
                StabilityApproach.Structure => await Client.ControlStructureAsync(call, cancellationToken).ConfigureAwait(false),
                StabilityApproach.Style => await Client.ControlStyleAsync(call, cancellationToken).ConfigureAwait(false),
                _ => await Client.GenerateSd3Async(call, cancellationToken).ConfigureAwait(false),
            };
            ImageInfo info = ImageDecoder.Identify(image.Bytes);
            images.Add(new GeneratedImage(image.Bytes, image.ContentType, info.Width, info.Height));
            seeds.Add(image.Seed?.ToString(CultureInfo.InvariantCulture) ?? "");
            reasons.Add(image.FinishReason);
            simulated |= image.Simulated;
        }

        var metadata = new Dictionary<string, string>
        {
            ["stability.app"] = app,
            ["stability.seed"] = string.Join(",", seeds),
            ["stability.finish_reason"] = string.Join(",", reasons),
            [$"stability.{name}"] = value.ToString("0.###", CultureInfo.InvariantCulture),
        };
        return new GenerationResult
        {
            Images = images,
            // Stability reports no cost and no request id on success: the price table's figure.
            CostUsd = images.Sum(g => Descriptor.Prices.EstimateImages(app, g.Width, g.Height, 1)),
            Latency = Client.Time.GetUtcNow() - start,
            Simulated = simulated,
            Moderated = reasons.Any(r => r.Equals(StabilityImage.ContentFiltered, StringComparison.OrdinalIgnoreCase)),
            Metadata = metadata,
        };
    }

    /// <summary>The conditioning field of this approach and its value: the shot's own when it sets one, else the option's.</summary>
    private (string Name, double Value) Conditioning(ShotRequest shot)
    {
        (string name, double fallback) = Options.Approach switch
        {
            StabilityApproach.Structure => (ControlStrengthParameter, Options.ControlStrength),
            StabilityApproach.Style => (FidelityParameter, Options.Fidelity),
            _ => (StrengthParameter, Options.Strength),
        };
        return (name, ShotNumber.Read(shot, name, 0, 1, $"Stability {name}") ?? fallback);
    }

    private StabilityImageRequest Build(ShotRequest shot, ReferencePhoto subject, long seed, double value) => new()
    {
        Prompt = shot.Prompt,
        NegativePrompt = shot.NegativePrompt,
        Seed = seed,
        OutputFormat = Options.OutputFormat,
        Image = new StabilityInputImage(subject.Bytes, subject.ContentType),
        Model = Options.Approach == StabilityApproach.ImageToImage ? Options.Model : null,
        Strength = Options.Approach == StabilityApproach.ImageToImage ? value : null,
        ControlStrength = Options.Approach == StabilityApproach.Structure ? value : null,
        Fidelity = Options.Approach == StabilityApproach.Style ? value : null,
        AspectRatio = Options.Approach == StabilityApproach.Style && StyleAspectRatios.Contains(shot.AspectRatio) ? shot.AspectRatio : null,
    };
}
