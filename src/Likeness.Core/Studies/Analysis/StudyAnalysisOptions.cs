namespace Likeness.Core.Studies.Analysis;

/// <summary>Knobs of the analysis; the defaults are what reports use. <see cref="Validate"/> runs before any work.</summary>
public sealed record StudyAnalysisOptions
{
    /// <summary>Seed for every bootstrap and permutation, so a report is reproducible.</summary>
    public int Seed { get; init; } = 20_260_421;

    /// <summary>Bootstrap resamples per interval.</summary>
    public int Resamples { get; init; } = Statistics.Bootstrap.DefaultResamples;

    /// <summary>Random relabellings per permutation test.</summary>
    public int Permutations { get; init; } = Statistics.PermutationTest.DefaultPermutations;

    /// <summary>Characters a projection pays training for; null means the number of characters in the study.</summary>
    public int? ProjectedCharacters { get; init; }

    /// <summary>Monthly generation volumes to project.</summary>
    public IReadOnlyList<int> MonthlyVolumes { get; init; } = [1_000, 10_000, 100_000];

    /// <summary>How the scorecard turns raw numbers into 0..1 scores.</summary>
    public Scorecard.ScorecardRules Scorecard { get; init; } = new();

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Resamples, 100, nameof(Resamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(Permutations, 100, nameof(Permutations));
        if (ProjectedCharacters is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ProjectedCharacters), ProjectedCharacters, "At least one character.");
        }

        if (MonthlyVolumes.Count == 0 || MonthlyVolumes.Any(v => v < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(MonthlyVolumes), "Volumes must be positive.");
        }

        Scorecard.Validate();
    }
}
