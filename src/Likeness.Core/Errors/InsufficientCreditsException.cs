namespace Likeness.Core;

/// <summary>A reservation the member's credit allowance for the period cannot cover (the project's budget may still).</summary>
public sealed class InsufficientCreditsException(decimal requestedUsd, decimal availableUsd, decimal allowanceUsd, string message) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.InsufficientCredits;

    /// <summary>The call's estimate.</summary>
    public decimal RequestedUsd { get; } = requestedUsd;

    /// <summary>What was left of the allowance this period.</summary>
    public decimal AvailableUsd { get; } = availableUsd;

    /// <summary>The member's allowance per period.</summary>
    public decimal AllowanceUsd { get; } = allowanceUsd;
}
