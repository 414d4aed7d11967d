namespace Likeness.Core;

/// <summary>
/// What kind of failure a <see cref="LikenessException"/> is. Front ends decide from the kind alone what to do
/// (the CLI's exit code and hint, a server's status); <see cref="ErrorCodes"/> gives each a stable code.
/// </summary>
public enum ErrorKind
{
    /// <summary>A value given by the caller is malformed or out of range (an empty prompt, a bad aspect ratio).</summary>
    InvalidInput,

    /// <summary>Something named by the caller does not exist (a character, a pin, an identity model).</summary>
    NotFound,

    /// <summary>The request clashes with what exists (a name or trigger token taken, a name that matches several).</summary>
    Conflict,

    /// <summary>The request breaks a rule of the domain in the current state (too few references, an illegal status change).</summary>
    RuleViolated,

    /// <summary>The project's budget cannot cover the call's estimate.</summary>
    InsufficientBudget,

    /// <summary>A provider call failed (an outage, a timeout, a failed training); trying again later may work.</summary>
    ProviderFailed,

    /// <summary>A provider refused the request (bad key, content policy, invalid input by its rules).</summary>
    ProviderRefused,

    /// <summary>A paid request was sent but its answer was lost: the provider may or may not be doing it.</summary>
    OutcomeUnknown,

    /// <summary>The member's credit allowance for the period cannot cover the call's estimate.</summary>
    InsufficientCredits,

    /// <summary>A quota of the member's role is used up (generations per day, paid calls at once).</summary>
    QuotaExceeded,
}
