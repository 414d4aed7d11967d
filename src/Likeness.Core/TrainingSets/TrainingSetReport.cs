namespace Likeness.Core.TrainingSets;

/// <summary>A training set's lint: its size, coverage, findings and score.</summary>
public sealed record TrainingSetReport
{
    /// <summary>Images in the set.</summary>
    public required int Count { get; init; }

    /// <summary>100 less each finding's penalty, at least 0.</summary>
    public required int Score { get; init; }

    /// <summary>The score a paid training needs.</summary>
    public required int MinimumScore { get; init; }

    /// <summary>Everything found, worst first.</summary>
    public required IReadOnlyList<LintFinding> Findings { get; init; }

    /// <summary>Faces per pose label ("frontal", "three-quarter left", ...).</summary>
    public required IReadOnlyDictionary<string, int> Poses { get; init; }

    /// <summary>Faces per lighting band ("dark", "even", "bright").</summary>
    public required IReadOnlyDictionary<string, int> Lighting { get; init; }

    /// <summary>Whether a paid training may go ahead without an override.</summary>
    public bool Passed => Score >= MinimumScore;

    /// <summary>What to do, one line per finding, worst first.</summary>
    public IReadOnlyList<string> ToDo => [.. Findings.Select(f => f.ToDo).Distinct(StringComparer.Ordinal)];
}
