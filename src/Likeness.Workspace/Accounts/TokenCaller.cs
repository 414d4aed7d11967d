using Likeness.Core.Accounts;

namespace Likeness.Workspace.Accounts;

/// <summary>Who presented a valid token.</summary>
/// <param name="User">The token's owner.</param>
/// <param name="TokenId">The token's id.</param>
public sealed record TokenCaller(User User, Guid TokenId);
