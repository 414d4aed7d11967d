namespace Likeness.Core;

/// <summary>The stable, machine-readable code of each <see cref="ErrorKind"/> (kebab-case, never renamed).</summary>
public static class ErrorCodes
{
    /// <summary>The code of <paramref name="kind"/>, e.g. <c>not-found</c>.</summary>
    public static string Of(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => "invalid-input",
        ErrorKind.NotFound => "not-found",
        ErrorKind.Conflict => "conflict",
        ErrorKind.RuleViolated => "rule-violated",
        ErrorKind.InsufficientBudget => "insufficient-budget",
        ErrorKind.ProviderFailed => "provider-failed",
        ErrorKind.ProviderRefused => "provider-refused",
        ErrorKind.OutcomeUnknown => "outcome-unknown",
        ErrorKind.InsufficientCredits => "insufficient-credits",
        ErrorKind.QuotaExceeded => "quota-exceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown error kind."),
    };
}
