namespace Likeness.Core;

/// <summary>A reservation the project's budget cannot cover.</summary>
public sealed class InsufficientBudgetException(decimal requestedUsd, decimal availableUsd, decimal budgetUsd, string message) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.InsufficientBudget;

    /// <summary>The call's estimate.</summary>
    public decimal RequestedUsd { get; } = requestedUsd;

    /// <summary>What was left of the budget.</summary>
    public decimal AvailableUsd { get; } = availableUsd;

    /// <summary>The project's budget.</summary>
    public decimal BudgetUsd { get; } = budgetUsd;
}
