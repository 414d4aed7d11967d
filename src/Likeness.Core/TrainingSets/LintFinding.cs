namespace Likeness.Core.TrainingSets;

/// <summary>How much a finding lowers a training set's score.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; costs 3 points.</summary>
    Note,

    /// <summary>Likely to weaken the trained identity; costs 10 points.</summary>
    Warning,

    /// <summary>Teaches the trainer something wrong (another person, no face); costs 25 points.</summary>
    Problem,
}

/// <summary>One thing wrong with a training set: the rule (<see cref="LintRules"/>), a neutral description, what to do, and the images concerned.</summary>
public sealed record LintFinding(string Rule, LintSeverity Severity, string Description, string ToDo, IReadOnlyList<string> Images)
{
    /// <summary>Points this finding takes off the score.</summary>
    public int Penalty => Severity switch { LintSeverity.Problem => 25, LintSeverity.Warning => 10, _ => 3 };
}
