namespace Likeness.Core;

/// <summary>
/// A request that breaks a rule of the domain (an illegal status change, a bad trigger token, an overdrawn
/// budget). The message is written for the person who asked, so it can be shown as is.
/// </summary>
public sealed class RuleViolationException(string message) : Exception(message);
