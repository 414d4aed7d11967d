using System.Globalization;
using Likeness.Core.Characters;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.TrainingSets;
using Likeness.Workspace.Videos;

namespace Likeness.Workspace.TrainingSets;

/// <summary>
/// Gathers the facts <see cref="TrainingSetLint"/> judges: every image measured (<see cref="TrainingImageMeasurer"/>),
/// the provider's limits from its descriptor, the minimum score from the workspace's options, and the identity
/// threshold calibrated from the cast's references as studies do (the face engine's same-person threshold when it
/// cannot be). It also writes the caption each image is trained with.
/// </summary>
public sealed class TrainingSetInspector(IServiceProvider services)
{
    private const double TargetFalseAcceptRate = 0.01;

    /// <summary>Inspects the character's references as a training set for <paramref name="provider"/> (null: the default limits).</summary>
    public async Task<TrainingSetInspection> InspectReferencesAsync(Character character, string? provider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        IReadOnlyList<ReferenceImage> references = await LikenessWorkspace.Over(services).Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false);
        return await InspectReferencesAsync(character, provider, references, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inspects the given references of the character (those a training sends) as a set for <paramref name="provider"/>, each with the user's caption when it has one.</summary>
    public async Task<TrainingSetInspection> InspectReferencesAsync(Character character, string? provider, IReadOnlyList<ReferenceImage> references, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(references);
        IReadOnlyList<ReferencePhoto> photos = await LikenessWorkspace.Over(services).Characters.PhotosAsync(references, cancellationToken).ConfigureAwait(false);
        return await InspectAsync(character, provider, [.. references.Zip(photos, (r, p) => new TrainingImageInput(r.FileName, p.Bytes, r.Caption))], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inspects <paramref name="images"/> as <paramref name="character"/>'s training set for <paramref name="provider"/>.</summary>
    /// <exception cref="Core.InvalidInputException">An image is empty, unreadable or truncated.</exception>
    public async Task<TrainingSetInspection> InspectAsync(
        Character character, string? provider, IReadOnlyList<TrainingImageInput> images, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(images);
        LikenessWorkspace workspace = LikenessWorkspace.Over(services);
        IFaceAnalyzer? faces = workspace.Faces;
        var measurer = new TrainingImageMeasurer(faces, workspace.Clip);
        TrainingImageFacts[] facts = [.. images.Select(i => measurer.Measure(i, cancellationToken))];

        (double? threshold, string source) = faces is null ? (null, "no face engine") : await ThresholdAsync(workspace, character, faces, cancellationToken).ConfigureAwait(false);
        TrainingSetLintOptions options = OptionsFor(provider is null ? null : workspace.Providers.Describe(provider), workspace.Options.TrainingSetMinimumScore) with
        {
            Threshold = threshold,
            FacesMeasured = faces is not null,
        };
        return new TrainingSetInspection
        {
            Character = character.Name,
            Provider = provider,
            Images = facts,
            Captions = [.. facts.Select(f => f.Caption ?? CaptionWriter.Write(character.TriggerToken, f))],
            Report = TrainingSetLint.Check(facts, character, options),
            FacesMeasured = faces is not null,
            ThresholdSource = source,
        };
    }

    /// <summary>The lint's limits for a provider: its descriptor's count and size limits, and the workspace's minimum score.</summary>
    public static TrainingSetLintOptions OptionsFor(ProviderDescriptor? descriptor, int minimumScore)
    {
        var defaults = new TrainingSetLintOptions { MinimumScore = minimumScore };
        return descriptor is null ? defaults : defaults with
        {
            MinImages = descriptor.Limits.MinReferences,
            MaxImages = descriptor.Limits.MaxReferences,
            RecommendedImages = Math.Min(defaults.RecommendedImages, descriptor.Limits.MaxReferences),
            MinSide = descriptor.Limits.MinReferenceSide,
        };
    }

    private static async Task<(double?, string)> ThresholdAsync(LikenessWorkspace workspace, Character character, IFaceAnalyzer faces, CancellationToken cancellationToken)
    {
        var (threshold, _, source) = await CharacterThreshold.ResolveAsync(workspace.Characters, workspace.Faces, character, null, TargetFalseAcceptRate, cancellationToken).ConfigureAwait(false);
        return threshold is { } t
            ? (t, source)
            : (faces.SamePersonThreshold, string.Create(CultureInfo.InvariantCulture, $"the same-person threshold of {faces.Name} ({source})"));
    }
}
