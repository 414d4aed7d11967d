using Likeness.Core.TrainingSets;

namespace Likeness.Workspace.TrainingSets;

/// <summary>A training set measured and linted, with the caption each image goes to the trainer with.</summary>
public sealed record TrainingSetInspection
{
    /// <summary>The character's name.</summary>
    public required string Character { get; init; }

    /// <summary>The provider whose limits it was checked against, or null for the defaults.</summary>
    public string? Provider { get; init; }

    /// <summary>What was measured of each image, in the set's order.</summary>
    public required IReadOnlyList<TrainingImageFacts> Images { get; init; }

    /// <summary>The caption of each image: the user's, or one written from its measurements (<see cref="CaptionWriter"/>).</summary>
    public required IReadOnlyList<string> Captions { get; init; }

    /// <summary>The lint.</summary>
    public required TrainingSetReport Report { get; init; }

    /// <summary>Whether the face engine measured the faces (without it the face, identity and coverage rules are not applied).</summary>
    public required bool FacesMeasured { get; init; }

    /// <summary>Where the identity threshold came from: "calibrated", "same-person threshold of ENGINE (not calibrated: why)", or "no face engine".</summary>
    public required string ThresholdSource { get; init; }
}
