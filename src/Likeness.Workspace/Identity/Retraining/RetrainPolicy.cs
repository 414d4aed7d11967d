using Likeness.Core;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Identity.Validation;

namespace Likeness.Workspace.Identity.Retraining;

/// <summary>How a retrain runs: its budget, its most attempts, how each attempt is validated, and who pays.</summary>
public sealed record RetrainPolicy
{
    /// <summary>The ladder's length: more attempts than rungs are never made.</summary>
    public const int DefaultMaxAttempts = 4;

    /// <summary>The most attempts a retrain may be asked to make.</summary>
    public const int MostAttempts = 10;

    /// <summary>The most money for the whole retrain (trainings and their validations, and the starting version's validation when it has none).</summary>
    public required decimal BudgetUsd { get; init; }

    /// <summary>The most trainings.</summary>
    public int MaxAttempts { get; init; } = DefaultMaxAttempts;

    /// <summary>How the starting version (when not yet validated) and every attempt are validated.</summary>
    public ValidationPolicy Validation { get; init; } = new();

    /// <summary>The member whose credits pay too (a request through the server), if any.</summary>
    public Payer? Payer { get; init; }

    /// <summary>Checks the numbers.</summary>
    public void Validate()
    {
        if (BudgetUsd <= 0)
        {
            throw new InvalidInputException($"A retrain needs a positive budget (got {BudgetUsd}).", "budget");
        }

        if (MaxAttempts is < 1 or > MostAttempts)
        {
            throw new InvalidInputException($"A retrain makes 1 to {MostAttempts} attempts (got {MaxAttempts}).", "max-attempts");
        }

        ArgumentNullException.ThrowIfNull(Validation);
        Validation.Validate();
    }
}
