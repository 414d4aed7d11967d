namespace Likeness.Core.Providers;

/// <summary>
/// One training parameter a trainer takes: its range and default, and whether the sources confirm them
/// (<see cref="Confirmed"/> false: Likeness's reading, stated as UNCONFIRMED in the provider's docs).
/// </summary>
/// <param name="Min">Smallest value accepted.</param>
/// <param name="Max">Largest value accepted.</param>
/// <param name="Default">What the trainer uses when the caller gives none.</param>
/// <param name="Confirmed">Whether the range is stated by the provider's own documentation.</param>
public sealed record ParameterRange(double Min, double Max, double Default, bool Confirmed = true)
{
    /// <summary>Whether <paramref name="value"/> lies in the range (ends included).</summary>
    public bool Contains(double value) => value >= Min && value <= Max;
}

/// <summary>
/// The training parameters a trainer takes from the caller, each with its range; a null parameter is one the trainer
/// does not take (asking for it is refused before any money moves).
/// </summary>
public sealed record TrainingLimits
{
    /// <summary>A provider that takes no training parameter from the caller.</summary>
    public static TrainingLimits None { get; } = new();

    /// <summary>Training steps.</summary>
    public ParameterRange? Steps { get; init; }

    /// <summary>LoRA rank.</summary>
    public ParameterRange? Rank { get; init; }

    /// <summary>Learning rate.</summary>
    public ParameterRange? LearningRate { get; init; }
}
