using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Commands.Deletion;
using Likeness.Cli.Hosting;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Workspace;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Identities;

/// <summary><c>likeness identity create|list|show|validate|retrain|resume|use|rollback|archive|delete</c>.</summary>
internal static class IdentityCommand
{
    public static Command Create() => new("identity", "Make a character's identity at a provider (instant, or trained).")
    {
        CreateCommand(),
        ListCommand(),
        ShowCommand(),
        ValidateCommand(),
        RetrainCommand(),
        ResumeCommand(),
        IdentityVersionCommands.Use(),
        IdentityVersionCommands.RollBack(),
        IdentityVersionCommands.Archive(),
        DeleteCommand.Create(
            DeletionKind.Identity, "ID", "The identity model's id or a unique id prefix (see `identity list`).",
            "Delete an identity model, its stored weights and the shots made with it; its costs stay in the ledger.",
            "Delete it even while it trains: the training is cancelled at its provider first."),
    };

    private static Command CreateCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var provider = new Option<string>("--provider", "-p") { Description = "Provider (see `likeness providers list`).", Required = true };
        var ignoreLint = new Option<bool>("--ignore-lint") { Description = "Train even when the training set scores below the minimum (recorded on the identity)." };
        var validate = new Option<bool>("--validate") { Description = "When the training is ready, validate it (as `identity validate` with its defaults)." };
        var steps = new Option<int?>("--steps") { Description = "Training steps (within the trainer's range; see docs/gate.md, Retraining)." };
        var rank = new Option<int?>("--rank") { Description = "LoRA rank, for trainers that take one." };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Learning rate, for trainers that take one." };
        RetrainOptions retrain = RetrainOptions.ForFollowUp();
        var command = new Command("create", "Register an instant identity, or train one and wait for it.") { character, provider, ignoreLint, validate, steps, rank, learningRate };
        retrain.AddTo(command);
        command.SetGuardedAction(async (parse, ct) =>
        {
            var parameters = new TrainingParameters { Steps = parse.GetValue(steps), Rank = parse.GetValue(rank), LearningRate = parse.GetValue(learningRate) };
            RetrainPolicy? retrainPolicy = retrain.Policy(parse, new ValidationPolicy());
            retrainPolicy?.Validate();
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.CreateAsync(
                c, parse.GetValue(provider)!, new IdentityCreation { IgnoreLint = parse.GetValue(ignoreLint), Parameters = parameters }, Progress(parse), ct).ConfigureAwait(false);
            int code = await ReportAsync(parse, model).ConfigureAwait(false);
            if ((parse.GetValue(validate) || retrainPolicy is not null) && model.Status == IdentityModelStatus.Ready)
            {
                model = await workspace.Services.GetRequiredService<IdentityValidator>().ValidateAsync(model.Id, cancellationToken: ct).ConfigureAwait(false);
                await parse.InvocationConfiguration.Output.WriteLineAsync(IdentityValidationText.Summary(model.Validation!)).ConfigureAwait(false);
                if (retrainPolicy is not null && model is { Kind: IdentityModelKind.Trained, Validation.Outcome: IdentityValidationOutcome.BelowThreshold })
                {
                    code = await RetrainOptions.RunAsync(parse, workspace, c, model.Provider, retrainPolicy, ct).ConfigureAwait(false);
                }
            }

            return code;
        });
        return command;
    }

    private static Command ListCommand()
    {
        var character = new Option<string>("--character", "-c") { Description = "Character name or id.", Required = true };
        var command = new Command("list", "List a character's identity models.") { character };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            IReadOnlyList<IdentityModel> models = await workspace.Identities.ListAsync(c.Id, ct).ConfigureAwait(false);
            foreach (IdentityModel m in models)
            {
                string validation = m.Validation is { } v ? $" {(v.Outcome == IdentityValidationOutcome.Validated ? "validated" : "below-threshold")} {v.PassRate:P0}" : "";
                string retrain = m.ParentId is { } parentId && models.FirstOrDefault(p => p.Id == parentId) is { } parent
                    ? $" (retrain of v{parent.Version}: {m.TrainingParameters.GetValueOrDefault("retrain") ?? "other parameters"})"
                    : "";
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{m.Id}  {m.Provider,-14} v{m.Version} {m.Kind,-9} {m.Status,-9} ${m.CostUsd:0.00} {m.ProviderJobId}{validation}{retrain}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ShowCommand()
    {
        var id = new Argument<Guid>("ID") { Description = "The identity model id (see `identity list`)." };
        var command = new Command("show", "Show an identity model and its validation report.") { id };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            await ReportAsync(parse, model).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"parameters: {TrainingParameters.Read(model.TrainingParameters)}").ConfigureAwait(false);
            await WriteValidationAsync(parse, model).ConfigureAwait(false);
            await WriteLineageAsync(parse, model, await workspace.Identities.ListAsync(model.CharacterId, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ValidateCommand()
    {
        var id = new Argument<Guid>("ID") { Description = "The identity model id (see `identity list`)." };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per standard scenario (the set is the five scenarios × these).", DefaultValueFactory = _ => 3 };
        var minPassRate = new Option<double>("--min-pass-rate") { Description = "The pass rate a validated identity reaches.", DefaultValueFactory = _ => ValidationPolicy.DefaultMinPassRate };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Most dollars for the set (default: the set's estimate)." };
        RetrainOptions retrain = RetrainOptions.ForFollowUp();
        var command = new Command("validate", "Make the fixed validation set with a ready identity, gate it, and mark the identity validated or below-threshold.")
        {
            id, seeds, minPassRate, maxCost,
        };
        retrain.AddTo(command);
        command.SetGuardedAction(async (parse, ct) =>
        {
            var policy = new ValidationPolicy { Seeds = parse.GetValue(seeds), MinPassRate = parse.GetValue(minPassRate), MaxCostUsd = parse.GetValue(maxCost) };
            RetrainPolicy? retrainPolicy = retrain.Policy(parse, policy with { MaxCostUsd = null });
            retrainPolicy?.Validate();
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Services.GetRequiredService<IdentityValidator>().ValidateAsync(parse.GetValue(id), policy, cancellationToken: ct).ConfigureAwait(false);
            await WriteValidationAsync(parse, model).ConfigureAwait(false);
            if (retrainPolicy is not null && model.Validation!.Outcome == IdentityValidationOutcome.BelowThreshold)
            {
                var c = await workspace.Characters.GetAsync(model.CharacterId.ToString(), ct).ConfigureAwait(false);
                return await RetrainOptions.RunAsync(parse, workspace, c, model.Provider, retrainPolicy, ct).ConfigureAwait(false);
            }

            return model.Validation!.Outcome == IdentityValidationOutcome.Validated ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static Command RetrainCommand()
    {
        var character = new Argument<string>("CHARACTER") { Description = "Character name or id." };
        var provider = new Option<string>("--provider") { Description = "The trainer whose version in use is retrained.", Required = true };
        var seeds = new Option<int>("--seeds") { Description = "Seeds per standard scenario in each validation set.", DefaultValueFactory = _ => 3 };
        var minPassRate = new Option<double>("--min-pass-rate") { Description = "The pass rate a validated identity reaches.", DefaultValueFactory = _ => ValidationPolicy.DefaultMinPassRate };
        RetrainOptions retrain = RetrainOptions.ForRetrain();
        var command = new Command(
            "retrain",
            "When the version in use is validated below-threshold, train again up the ladder (more steps, higher rank, lower learning rate, more references), validating each attempt, until one is validated or the budget would be passed.")
        {
            character, provider, seeds, minPassRate,
        };
        retrain.AddTo(command);
        command.SetGuardedAction(async (parse, ct) =>
        {
            RetrainPolicy policy = retrain.Policy(parse, new ValidationPolicy { Seeds = parse.GetValue(seeds), MinPassRate = parse.GetValue(minPassRate) })!;
            policy.Validate();
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            var c = await workspace.Characters.GetAsync(parse.GetValue(character)!, ct).ConfigureAwait(false);
            return await RetrainOptions.RunAsync(parse, workspace, c, parse.GetValue(provider)!, policy, ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Every version of the model's retrain family with its change, parameters, validation and money.</summary>
    private static async Task WriteLineageAsync(ParseResult parse, IdentityModel model, IReadOnlyList<IdentityModel> all)
    {
        IReadOnlyList<IdentityModel> family = IdentityLineage.Of(model, all);
        if (family.Count < 2)
        {
            return;
        }

        TextWriter o = parse.InvocationConfiguration.Output;
        IdentityModel? inUse = VersionChoice.InUse(all.Where(m => m.Provider == model.Provider));
        await o.WriteLineAsync("retrain attempts:").ConfigureAwait(false);
        foreach (IdentityModel m in family)
        {
            string change = m.TrainingParameters.GetValueOrDefault("retrain") ?? "first training";
            string outcome = m.Validation is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{(v.Outcome == IdentityValidationOutcome.Validated ? "validated" : "below-threshold")} {v.Passed}/{v.Attempts} ({v.PassRate:P0}), validation ${v.CostUsd:0.0000}")
                : m.Status == IdentityModelStatus.Failed ? $"failed: {m.FailureReason}" : m.Status.ToString().ToLowerInvariant();
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {(m.Id == inUse?.Id ? "*" : " ")} v{m.Version,-3} {change,-20} {TrainingParameters.Read(m.TrainingParameters),-40} training ${m.CostUsd:0.0000}  {outcome}")).ConfigureAwait(false);
        }
    }

    private static async Task WriteValidationAsync(ParseResult parse, IdentityModel model)
    {
        TextWriter o = parse.InvocationConfiguration.Output;
        if (model.Validation is not { } v)
        {
            await o.WriteLineAsync("validation: none yet (likeness identity validate ID)").ConfigureAwait(false);
            return;
        }

        await o.WriteLineAsync($"validation: {IdentityValidationText.Summary(v)}").ConfigureAwait(false);
        foreach (var (scenario, counts) in v.ByScenario)
        {
            await o.WriteLineAsync($"  {scenario,-24} {counts[0]}/{counts[1]} kept").ConfigureAwait(false);
        }
    }

    private static Command ResumeCommand()
    {
        var id = new Argument<Guid>("ID") { Description = "The identity model id (see `identity list`)." };
        var command = new Command("resume", "Follow a training recorded as in progress (e.g. after a restart) to the end.") { id };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IdentityModel model = await workspace.Identities.ResumeAsync(parse.GetValue(id), Progress(parse), ct).ConfigureAwait(false);
            return await ReportAsync(parse, model).ConfigureAwait(false);
        });
        return command;
    }

    private static SyncProgress<TrainingProgress> Progress(ParseResult parse) => new(p =>
        parse.InvocationConfiguration.Output.WriteLine($"  {p.Status.ToString().ToLowerInvariant()}{(p.Fraction is { } f ? $" {f:P0}" : "")}{(p.LastLog is null ? "" : $"  {p.LastLog}")}"));

    private static async Task<int> ReportAsync(ParseResult parse, IdentityModel model)
    {
        string outcome = model.Status == IdentityModelStatus.Failed ? $"failed: {model.FailureReason}" : model.Status.ToString().ToLowerInvariant();
        await parse.InvocationConfiguration.Output.WriteLineAsync($"{model.Provider} v{model.Version} ({model.Kind.ToString().ToLowerInvariant()}): {outcome}, ${model.CostUsd:0.00}, id {model.Id}").ConfigureAwait(false);
        return model.Status == IdentityModelStatus.Failed ? ExitCodes.Failure : ExitCodes.Success;
    }
}
