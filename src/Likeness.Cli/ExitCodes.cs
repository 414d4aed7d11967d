namespace Likeness.Cli;

/// <summary>Process exit codes of the <c>likeness</c> command.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something went wrong that is not the input's fault (a bug, an I/O failure).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: unreadable or refused file, wrong arguments. One line on stderr says why.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// A partial run: the command went through every item, but an error stopped some of them (each is reported and left
    /// as it was, for the next run; <c>likeness doctor</c> when settling a claim failed).
    /// </summary>
    public const int Partial = 3;
}
