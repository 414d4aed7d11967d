using Likeness.Core;
using Likeness.Core.Providers;
using Likeness.Imaging;
using Likeness.Inference.Safetensors;
using Likeness.Media.Decoding;
using Microsoft.Extensions.Options;

namespace Likeness.Cli.Hosting;

/// <summary>
/// The one table from failures to exit codes and the one line printed for them: the domain's error kinds, the
/// CLI's own usage errors and the framework's input errors are bad input (2); everything else is 1. Hints on
/// what to type next are added here, from the error's kind and data, so the domain never names a command.
/// </summary>
internal static class CliErrors
{
    /// <summary>The exit code for an error of <paramref name="kind"/>.</summary>
    public static int ExitCodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput or ErrorKind.NotFound or ErrorKind.Conflict or ErrorKind.RuleViolated or ErrorKind.InsufficientBudget
            or ErrorKind.InsufficientCredits or ErrorKind.QuotaExceeded => ExitCodes.BadInput,
        _ => ExitCodes.Failure,
    };

    /// <summary>
    /// The exit code and one line (without the <c>likeness: </c> prefix) for an expected failure; null for an
    /// unexpected one, which the caller reports as a bug.
    /// </summary>
    public static (int ExitCode, string Line)? Describe(Exception exception) => exception switch
    {
        // The host's start-up validation gathers its failures; the first one says what to fix.
        AggregateException { InnerExceptions: [var first, ..] } => Describe(first),
        ProviderException p => (ExitCodeOf(p.Kind), Join($"{p.Provider}: {p.Message}", Hint(p))),
        LikenessException e => (ExitCodeOf(e.Kind), Join(e.Message, Hint(e))),
        ArgumentException { ParamName: { } name } a when IsBadInput(a) => (ExitCodes.BadInput, OneLine(a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal))),
        _ when IsBadInput(exception) => (ExitCodes.BadInput, OneLine(exception.Message)),
        OperationCanceledException => (ExitCodes.Failure, "cancelled."),
        MediaToolMissingException => (ExitCodes.Failure, OneLine(exception.Message)),
        IOException => (ExitCodes.Failure, OneLine(exception.Message)),
        _ => null,
    };

    /// <summary>Flattens a message to one line, so exit code 2 always prints exactly one.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string Join(string message, string? hint) => OneLine(hint is null ? message : $"{message.TrimEnd()} {hint}");

    // A null argument is a bug in the caller, never something a user typed: it stays an unexpected failure.
    private static bool IsBadInput(Exception ex) =>
        ex is ArgumentException and not ArgumentNullException or InvalidImageException or InvalidVideoException or InvalidModelException or CliUsageException
            or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException
            or OptionsValidationException;

    private static string? Hint(LikenessException error) => error switch
    {
        NotFoundException { Entity: EntityKind.Character } e when !string.IsNullOrWhiteSpace(e.Key) => $"Create it with: likeness character create \"{e.Key.Trim()}\"",
        NotFoundException { Entity: EntityKind.Identity, Character: { } c, Provider: { } p } => $"Train one first: likeness identity create --character \"{c}\" --provider {p}",
        NotFoundException { Entity: EntityKind.Identity } => "See: likeness identity list --character C",
        NotFoundException { Entity: EntityKind.Pin } => "See: likeness pin list --character C",
        NotFoundException { Entity: EntityKind.Reference, Character: { } c } => $"See: likeness character show \"{c}\"",
        RuleViolationException { Rule: DomainRules.ReferencesRequired, Character: { } c } => $"Add some with: likeness character add-refs \"{c}\" FILES...",
        RuleViolationException { Rule: DomainRules.FrontalRequired } => "Name one with --frontal, or add one with --role Frontal.",
        RuleViolationException { Rule: DomainRules.InUse or DomainRules.TrainingRunning } => "Add --force to delete it anyway.",
        RuleViolationException { Rule: DomainRules.Unsettled } => "Settle it first with: likeness doctor",
        RuleViolationException { Rule: DomainRules.TrainingSetLint, Character: { } c } => $"See: likeness character lint \"{c}\", or pass --ignore-lint.",
        ProviderException { Kind: ErrorKind.OutcomeUnknown } => "It may still be running (and billed) at the provider: check there before trying again.",
        _ => null,
    };
}
