using System.Globalization;
using Likeness.Core.Costs;
using Likeness.Core.Providers;

namespace Likeness.Providers.Astria;

/// <summary>How <see cref="AstriaProvider"/> uses Astria's tunes and prompts.</summary>
public sealed record AstriaProviderOptions
{
    /// <summary>The Flux1.dev base tune (providers.md §3.1).</summary>
    public const long FluxBaseTuneId = 1504944;

    /// <summary>The SDXL branch (providers.md §3.1): its tunes are pti, prompted on the tune itself.</summary>
    public const string SdxlBranch = "sdxl1";

    /// <summary>The variable naming an SDXL gallery base tune; providers.md names none, so it is the user's to give.</summary>
    public const string SdxlBaseVariable = "LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID";

    /// <summary>The provider's name in the registry.</summary>
    public string Name { get; init; } = AstriaDescriptor.Name;

    /// <summary>Name for people.</summary>
    public string DisplayName { get; init; } = "Astria (FLUX LoRA tunes)";

    /// <summary>
    /// The capabilities this registration offers: training with generation (LoRA tunes, the default) or reference
    /// generation (FaceID: a tune that needs no training).
    /// </summary>
    public ProviderCapabilities Capabilities { get; init; } = ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration;

    /// <summary>The tune's class word (<c>name</c>) when the training request names none (<c>class_name</c> parameter).</summary>
    public string ClassName { get; init; } = "person";

    /// <summary>
    /// <c>flux1</c> (default), <c>sdxl1</c> (pti tunes, see <see cref="ForSdxl"/>) or <c>fast</c>: a free mock tune whose
    /// prompts return mock images (for trying the flow).
    /// </summary>
    public string Branch { get; init; } = "flux1";

    /// <summary>The base model prompts run on with the tune's LoRA or FaceID tag (Flux1.dev, or an SDXL gallery tune).</summary>
    public long BaseTuneId { get; init; } = FluxBaseTuneId;

    /// <summary>
    /// The base an SDXL tune trains on (<c>base_tune_id</c>). Null sends none: Astria then takes the branch's default
    /// (providers.md §3.1 names no SDXL base id).
    /// </summary>
    public long? SdxlBaseTuneId { get; init; }

    /// <summary>The training preset (<c>flux-lora-portrait</c>, recommended for people).</summary>
    public string? Preset { get; init; } = "flux-lora-portrait";

    /// <summary>Crop training images to the face.</summary>
    public bool FaceCrop { get; init; } = true;

    /// <summary>The LoRA strength in <c>&lt;lora:ID:strength&gt;</c>.</summary>
    public double LoraStrength { get; init; } = 1.0;

    /// <summary>How often a tune in training is read when no callback woke it (Astria answers heavy polling with 429).</summary>
    public TimeSpan TrainingPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a tune may stay untrained before the training counts as failed (Astria reports no failure state).</summary>
    public TimeSpan TrainingTimeout { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The workspace's price overrides, applied to Astria's default prices.</summary>
    public PriceOverrides Prices { get; init; } = PriceOverrides.None;

    /// <summary>True for the free mock branch.</summary>
    public bool IsMock => Branch == "fast";

    /// <summary>True for SDXL tunes: Astria forces <c>pti</c>, and prompts go to the trained tune itself with its token and class.</summary>
    public bool IsSdxl => Branch == SdxlBranch;

    /// <summary>These options as the <c>astria-sdxl</c> registration: the same settings on the <c>sdxl1</c> branch.</summary>
    public AstriaProviderOptions ForSdxl() => this with { Name = AstriaDescriptor.SdxlName, DisplayName = "Astria (SDXL tunes)", Branch = SdxlBranch };

    /// <summary>
    /// Options from the environment: the branch from <c>LIKENESS_ASTRIA_BRANCH</c> (<c>fast</c> for free mock tunes) and
    /// the SDXL base from <c>LIKENESS_ASTRIA_SDXL_BASE_TUNE_ID</c> (a positive integer).
    /// </summary>
    public static AstriaProviderOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new AstriaProviderOptions();
        if (environment("LIKENESS_ASTRIA_BRANCH") is { Length: > 0 } branch)
        {
            options = options with { Branch = branch.Trim() };
        }

        if (environment(SdxlBaseVariable) is { Length: > 0 } sdxlBase)
        {
            options = options with
            {
                SdxlBaseTuneId = long.TryParse(sdxlBase.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0
                    ? id
                    : throw new ArgumentException($"{SdxlBaseVariable} must be a positive integer, an Astria gallery tune id (got '{sdxlBase}')."),
            };
        }

        return options;
    }

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ClassName);
        if (Branch is not ("flux1" or "sd15" or "sdxl1" or "fast"))
        {
            throw new ArgumentException($"The Astria branch must be flux1, sd15, sdxl1 or fast (got '{Branch}').");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(BaseTuneId, 1);
        if (SdxlBaseTuneId is { } sdxlBase)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sdxlBase, 1, nameof(SdxlBaseTuneId));
        }

        if (LoraStrength is <= 0 or > 2 || double.IsNaN(LoraStrength))
        {
            throw new ArgumentOutOfRangeException(nameof(LoraStrength), LoraStrength, "The LoRA strength must be in (0, 2].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TrainingPollInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TrainingTimeout, TimeSpan.Zero);
        if (Capabilities is not (ProviderCapabilities.ReferenceGeneration or (ProviderCapabilities.Training | ProviderCapabilities.TrainedGeneration)))
        {
            throw new ArgumentException("An Astria registration offers LoRA tunes (Training | TrainedGeneration) or FaceID (ReferenceGeneration).");
        }
    }
}
