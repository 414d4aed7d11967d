using Likeness.Core.References;
using Likeness.Core.Shots;

namespace Likeness.Core.Providers;

/// <summary>A reference photo handed to a provider.</summary>
public sealed record ReferencePhoto(string Sha256, ReadOnlyMemory<byte> Bytes, string ContentType, ReferenceRole Role)
{
    /// <summary>The caption a trainer gets with it (trigger first, what varies; see <c>CaptionWriter</c>), or null to let the provider caption.</summary>
    public string? Caption { get; init; }
}

/// <summary>Trained weights handed to a provider: from the asset store, with the provider URL it came from if any.</summary>
public sealed record TrainedWeights(string Sha256, Uri? SourceUri, Func<CancellationToken, Task<Stream>> OpenAsync, double Scale = 1.0);

/// <summary>Generate from reference photos with no training.</summary>
public sealed record ReferenceGenerationRequest(string CharacterKey, ShotRequest Shot, IReadOnlyList<ReferencePhoto> References)
{
    /// <summary>
    /// The other characters to put in the same frame (<see cref="ShotRequest.Companions"/>), each with its references;
    /// only providers with <see cref="ProviderCapabilities.MultiCharacter"/> are given any.
    /// </summary>
    public IReadOnlyList<CompanionPhotos> Companions { get; init; } = [];

    /// <summary>Told the resume token the moment the provider has the request (see <see cref="IResumableGenerator"/>), before the call waits for it.</summary>
    public Func<string, Task>? Submitted { get; init; }
}

/// <summary>Another character in a multi-character shot: its key (trigger) and its reference photos.</summary>
public sealed record CompanionPhotos(string CharacterKey, IReadOnlyList<ReferencePhoto> References);

/// <summary>Generate with trained identities.</summary>
public sealed record TrainedGenerationRequest(string CharacterKey, ShotRequest Shot, IReadOnlyList<TrainedWeights> Weights)
{
    /// <summary>
    /// The identity's models kept at the provider (<see cref="TrainedIdentity.ProviderModelId"/>), for providers whose
    /// weights cannot be downloaded (an Astria FLUX tune is prompted by its id).
    /// </summary>
    public IReadOnlyList<string> ProviderModelIds { get; init; } = [];

    /// <summary>Told the resume token the moment the provider has the request (see <see cref="IResumableGenerator"/>), before the call waits for it.</summary>
    public Func<string, Task>? Submitted { get; init; }
}

/// <summary>Train an identity from references.</summary>
public sealed record TrainingRequest(
    string CharacterKey, string TriggerToken, IReadOnlyList<ReferencePhoto> References, IReadOnlyDictionary<string, string> Parameters);

/// <summary>Make a video of a pinned character.</summary>
public sealed record ElementVideoRequest(
    string CharacterKey, string Prompt, ReferencePhoto Frontal, IReadOnlyList<ReferencePhoto> References, int DurationSeconds, string AspectRatio)
{
    /// <summary>Told the resume token the moment the provider has the request (see <see cref="IResumableVideoGenerator"/>), before the call waits for it.</summary>
    public Func<string, Task>? Submitted { get; init; }
}
