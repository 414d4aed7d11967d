using System.CommandLine;
using Likeness.Core;
using Likeness.Core.Providers;
using Likeness.Imaging;
using Likeness.Inference.Safetensors;

namespace Likeness.Cli.Hosting;

/// <summary>
/// Runs a command's action so that bad input becomes one clear line on stderr and exit code 2, never a stack
/// trace; anything else is a bug or an environment failure and exits 1 with its message.
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
            catch (Exception ex) when (IsBadInput(ex))
            {
                await error.WriteLineAsync($"likeness: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
            catch (ProviderException ex)
            {
                await error.WriteLineAsync($"likeness: {ex.Provider}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (OperationCanceledException)
            {
                await error.WriteLineAsync("likeness: cancelled.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (Media.Decoding.MediaToolMissingException ex)
            {
                await error.WriteLineAsync($"likeness: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"likeness: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // The last resort of a command line: one line for people, the trace on request.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await error.WriteLineAsync($"likeness: unexpected {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
                await error.WriteLineAsync(Environment.GetEnvironmentVariable(DebugVariable) == "1"
                    ? ex.ToString()
                    : $"likeness: set {DebugVariable}=1 to print the stack trace.").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
    }

    // A null argument is a bug in the caller, never something a user typed: it stays an unexpected failure.
    private static bool IsBadInput(Exception ex) =>
        ex is ArgumentException and not ArgumentNullException or InvalidImageException or Media.Decoding.InvalidVideoException or InvalidModelException or CliUsageException or RuleViolationException or FileNotFoundException or DirectoryNotFoundException
            or UnauthorizedAccessException or Workspace.Studies.Definition.StudyFileException
            or Microsoft.Extensions.Options.OptionsValidationException;
}
