using Likeness.Core.Accounts;

namespace Likeness.Workspace.Accounts;

/// <summary>A token just issued: its record and its secret, which exists only here and is shown to its owner once.</summary>
/// <param name="Token">The stored record (hash only).</param>
/// <param name="Secret">The bearer secret (<c>lk_…</c>).</param>
public sealed record IssuedToken(ApiToken Token, string Secret)
{
    /// <summary>Never the secret: records print their members, and this one may reach a log by accident.</summary>
    public override string ToString() => $"IssuedToken {{ Token = {Token.Id}, Prefix = {Token.Prefix} }}";
}
