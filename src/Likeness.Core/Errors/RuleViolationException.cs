namespace Likeness.Core;

/// <summary>
/// A request that breaks a rule of the domain in the current state (an illegal status change, too few
/// references, a pin without a frontal image). <see cref="Rule"/> names the rule when a front end may want to
/// say how to satisfy it (see <see cref="DomainRules"/>).
/// </summary>
public sealed class RuleViolationException(string message, string? rule = null) : LikenessException(message)
{
    /// <inheritdoc/>
    public override ErrorKind Kind => ErrorKind.RuleViolated;

    /// <summary>The rule broken, one of <see cref="DomainRules"/>, when it has a name.</summary>
    public string? Rule { get; } = rule;
}
