namespace Likeness.Cli;

/// <summary>An argument a command cannot use; printed as one line and exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
