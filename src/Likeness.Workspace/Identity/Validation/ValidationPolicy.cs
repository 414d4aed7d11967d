using Likeness.Workspace.Gates;

namespace Likeness.Workspace.Identity.Validation;

/// <summary>How a trained identity is validated: the fixed set's size, the pass rate it must reach and its money.</summary>
public sealed record ValidationPolicy
{
    /// <summary>The seeds' "retrain if &lt; 90 % similarity" (seed 001): the default minimum pass rate.</summary>
    public const double DefaultMinPassRate = 0.9;

    /// <summary>Seeds per standard scenario (the set is the five scenarios × these seeds).</summary>
    public int Seeds { get; init; } = 3;

    /// <summary>The first seed; fixed, so every version of an identity is judged on the same set.</summary>
    public long FirstSeed { get; init; } = 9001;

    /// <summary>The pass rate a validated identity reaches.</summary>
    public double MinPassRate { get; init; } = DefaultMinPassRate;

    /// <summary>Most money for the set; null for exactly the set's estimate.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>The false-accept rate the gate's threshold is calibrated at.</summary>
    public double TargetFalseAcceptRate { get; init; } = CalibrationBook.DefaultTargetFalseAcceptRate;

    /// <summary>Checks the numbers.</summary>
    public void Validate()
    {
        if (Seeds is < 1 or > 20)
        {
            throw new Core.InvalidInputException($"A validation set takes 1 to 20 seeds a scenario (got {Seeds}).", "seeds");
        }

        if (MinPassRate is <= 0 or > 1 || double.IsNaN(MinPassRate))
        {
            throw new Core.InvalidInputException($"The minimum pass rate must be in (0, 1] (got {MinPassRate}).", "min-pass-rate");
        }

        if (MaxCostUsd is <= 0)
        {
            throw new Core.InvalidInputException("A validation's cost cap must be positive.", "max-cost");
        }
    }
}
