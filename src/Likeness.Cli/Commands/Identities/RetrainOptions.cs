using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.Identity.Retraining;
using Likeness.Workspace;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Identities;

/// <summary>
/// The retrain policy's options (<c>--budget</c> or <c>--retrain-budget</c>, <c>--max-attempts</c>), shared by
/// <c>identity retrain</c>, <c>create</c> and <c>validate</c>, and how a retrain's report is printed.
/// </summary>
internal sealed class RetrainOptions
{
    private RetrainOptions(string budgetName, bool budgetRequired)
    {
        Budget = new Option<decimal?>(budgetName)
        {
            Description = budgetRequired
                ? "Most dollars for the retrain: trainings and their validation sets (each attempt's estimate is reserved before it starts)."
                : "When the identity is validated below-threshold, retrain it up to this many dollars (see `identity retrain`).",
            Required = budgetRequired,
        };
        MaxAttempts = new Option<int>("--max-attempts")
        {
            Description = "Most trainings of the retrain ladder (more steps, higher rank, lower learning rate, more references).",
            DefaultValueFactory = _ => RetrainPolicy.DefaultMaxAttempts,
        };
    }

    public Option<decimal?> Budget { get; }

    public Option<int> MaxAttempts { get; }

    /// <summary>For <c>identity retrain</c>: <c>--budget</c>, required.</summary>
    public static RetrainOptions ForRetrain() => new("--budget", budgetRequired: true);

    /// <summary>For <c>identity create</c> and <c>validate</c>: <c>--retrain-budget</c>, optional.</summary>
    public static RetrainOptions ForFollowUp() => new("--retrain-budget", budgetRequired: false);

    public void AddTo(Command command)
    {
        command.Options.Add(Budget);
        command.Options.Add(MaxAttempts);
    }

    /// <summary>The policy asked for, or null when no budget was given.</summary>
    public RetrainPolicy? Policy(ParseResult parse, ValidationPolicy validation) =>
        parse.GetValue(Budget) is { } budget ? new RetrainPolicy { BudgetUsd = budget, MaxAttempts = parse.GetValue(MaxAttempts), Validation = validation } : null;

    /// <summary>Runs the retrain, prints each step and the outcome; exit code 0 when the version in use ends validated.</summary>
    public static async Task<int> RunAsync(ParseResult parse, LikenessWorkspace workspace, Character character, string provider, RetrainPolicy policy, CancellationToken cancellationToken)
    {
        TextWriter o = parse.InvocationConfiguration.Output;
        RetrainReport report = await workspace.Services.GetRequiredService<Retrainer>()
            .RetrainAsync(character, provider, policy, new SyncProgress<string>(line => o.WriteLine($"  {line}")), cancellationToken).ConfigureAwait(false);
        string stop = report.Stop switch
        {
            RetrainStop.AlreadyValidated => $"v{report.From.Version} is already validated: nothing to retrain",
            RetrainStop.Validated => $"validated after {report.Attempts.Count} attempt(s)",
            RetrainStop.Budget => string.Create(CultureInfo.InvariantCulture, $"stopped by the budget: the next attempt is estimated at ${report.AttemptEstimateUsd:0.0000}"),
            RetrainStop.MaxAttempts => $"stopped after {report.Attempts.Count} attempt(s), the most asked for",
            _ => "the ladder has no rung left for this trainer",
        };
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"retrain: {stop}; spent ${report.SpentUsd:0.0000} of ${report.BudgetUsd:0.0000}; in use: {(report.InUse is { } m ? $"v{m.Version} {m.Id}" : "none")}")).ConfigureAwait(false);
        return report.Stop is RetrainStop.Validated or RetrainStop.AlreadyValidated ? ExitCodes.Success : ExitCodes.Failure;
    }
}
