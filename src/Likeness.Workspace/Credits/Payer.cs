namespace Likeness.Workspace.Credits;

/// <summary>
/// Who a paid call is charged to besides the project's budget: a member, with the quotas of their role. A call
/// without one (the CLI acting as the local owner, a background step with no caller) is held only by the budget.
/// </summary>
/// <param name="UserId">The member.</param>
/// <param name="GenerationsPerDay">Paid calls the member may start per UTC day; null for no limit.</param>
/// <param name="ConcurrentCalls">Paid calls the member may have open at once; null for no limit.</param>
public sealed record Payer(Guid UserId, int? GenerationsPerDay = null, int? ConcurrentCalls = null);
