using System.Text.Json.Serialization;
using Likeness.Core.Identity;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Identity.Retraining;
using Likeness.Workspace.Identity.Validation;

namespace Likeness.Server.Jobs.Training;

/// <summary>A request to make a character's next identity model in the background.</summary>
/// <param name="Character">The character's id or name (in the route's project).</param>
/// <param name="Provider">The provider that trains it (or registers a reference identity).</param>
/// <param name="Kind"><c>trained</c> or <c>reference</c>; omitted trains where the provider can.</param>
/// <param name="Steps">Training steps, within the trainer's range; omitted: its default.</param>
/// <param name="Rank">LoRA rank, for trainers that take one.</param>
/// <param name="LearningRate">Learning rate, for trainers that take one.</param>
/// <param name="RetrainBudgetUsd">
/// When set: a trained version validated below the threshold is retrained up the retrain ladder (more steps, higher
/// rank, lower learning rate, more references) by the job itself, each attempt's training and validation paid within
/// this many dollars (never an attempt it cannot pay for); omitted, nothing is retrained.
/// </param>
/// <param name="MaxAttempts">The most retrain attempts (1 to 10, default 4); only with <paramref name="RetrainBudgetUsd"/>.</param>
/// <param name="MinPassRate">
/// The pass rate a trained version's validation must reach to be validated, above 0 and at most 1; omitted, 0.9 (the
/// seeds' "retrain if under 90 %"). The job's validation and every retrain attempt's use it.
/// </param>
public sealed record TrainingJobRequest(
    string Character, string Provider, string? Kind = null, int? Steps = null, int? Rank = null, double? LearningRate = null,
    decimal? RetrainBudgetUsd = null, int? MaxAttempts = null, double? MinPassRate = null)
{
    /// <summary>The training parameters asked for.</summary>
    internal TrainingParameters Parameters => new() { Steps = Steps, Rank = Rank, LearningRate = LearningRate };
}

/// <summary>
/// What a training job keeps as its input: the character resolved to its id, the parameters asked for and, for a job
/// that retrains, its budget, its most attempts and the cost cap that holds them (set when the job was accepted).
/// </summary>
internal sealed record TrainingJobInput(
    Guid CharacterId, string Provider, string? Kind, int? Steps = null, int? Rank = null, double? LearningRate = null,
    decimal? RetrainBudgetUsd = null, int? MaxAttempts = null, Guid? RetrainCapId = null, double? MinPassRate = null)
{
    /// <summary>The training parameters asked for (not stored twice: the fields above are).</summary>
    [JsonIgnore]
    public TrainingParameters Parameters => new() { Steps = Steps, Rank = Rank, LearningRate = LearningRate };

    /// <summary>How each trained version the job makes is validated.</summary>
    [JsonIgnore]
    public ValidationPolicy Validation => new() { MinPassRate = MinPassRate ?? ValidationPolicy.DefaultMinPassRate };

    /// <summary>The retrain policy the job follows, paid by <paramref name="payer"/> too; null for a job that does not retrain.</summary>
    public RetrainPolicy? Retrain(Payer? payer) => RetrainBudgetUsd is { } budget && RetrainCapId is not null
        ? new RetrainPolicy { BudgetUsd = budget, MaxAttempts = MaxAttempts ?? RetrainPolicy.DefaultMaxAttempts, Validation = Validation, Payer = payer }
        : null;
}
