using System.CommandLine;

namespace Likeness.Cli.Hosting;

/// <summary>
/// Runs a command's action so that every failure becomes one clear line on stderr and the exit code of
/// <see cref="CliErrors"/>, never a stack trace; an unexpected failure (a bug) also says how to see its trace.
/// </summary>
internal static class GuardedAction
{
    /// <summary>Set to 1 to print stack traces of unexpected failures.</summary>
    public const string DebugVariable = "LIKENESS_DEBUG";

    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                return await action(parse, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The last resort of a command line: one line for people, the trace on request.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (CliErrors.Describe(ex) is { } known)
                {
                    await error.WriteLineAsync($"likeness: {known.Line}").ConfigureAwait(false);
                    return known.ExitCode;
                }

                await error.WriteLineAsync($"likeness: unexpected {ex.GetType().Name}: {CliErrors.OneLine(ex.Message)}").ConfigureAwait(false);
                await error.WriteLineAsync(Environment.GetEnvironmentVariable(DebugVariable) == "1"
                    ? ex.ToString()
                    : $"likeness: set {DebugVariable}=1 to print the stack trace.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
    }
}
