using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Fal;

/// <summary>How <see cref="FalProvider"/> uses the fal apps.</summary>
public sealed record FalProviderOptions
{
    /// <summary>The provider's name in the registry.</summary>
    public string Name { get; init; } = FalProvider.Name;

    /// <summary>Name for people.</summary>
    public string DisplayName { get; init; } = "fal.ai";

    /// <summary>The capabilities this registration offers (e.g. only reference generation for an instant-character entry).</summary>
    public ProviderCapabilities Capabilities { get; init; } =
        ProviderCapabilities.ReferenceGeneration | ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration | ProviderCapabilities.ElementVideo;

    /// <summary><c>jpeg</c> or <c>png</c> (the core's shot request has no format yet; this sets it for every image).</summary>
    public string OutputFormat { get; init; } = "jpeg";

    /// <summary>Training steps when the request names none (fal's default is undocumented; 1000 as its trainer clones use).</summary>
    public int TrainingSteps { get; init; } = 1000;

    /// <summary>A public https URL fal should POST completions to (<c>fal_webhook</c>); null to rely on polling alone.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>How long an uploaded LoRA URL is reused before it is uploaded again.</summary>
    public TimeSpan UploadReuse { get; init; } = TimeSpan.FromMinutes(50);

    /// <summary>The workspace's price overrides, applied to fal's default prices.</summary>
    public PriceOverrides Prices { get; init; } = PriceOverrides.None;

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        if (OutputFormat is not ("jpeg" or "png"))
        {
            throw new ArgumentException($"fal output format must be jpeg or png (got '{OutputFormat}').");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(TrainingSteps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(TrainingSteps, 10000);
        if (WebhookUrl is { Scheme: not "https" and not "http" })
        {
            throw new ArgumentException("The fal webhook URL must be http(s).");
        }
    }
}
