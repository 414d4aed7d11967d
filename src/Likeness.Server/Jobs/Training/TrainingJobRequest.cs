using System.Text.Json.Serialization;
using Likeness.Core.Identity;

namespace Likeness.Server.Jobs.Training;

/// <summary>A request to make a character's next identity model in the background.</summary>
/// <param name="Character">The character's id or name (in the route's project).</param>
/// <param name="Provider">The provider that trains it (or registers a reference identity).</param>
/// <param name="Kind"><c>trained</c> or <c>reference</c>; omitted trains where the provider can.</param>
/// <param name="Steps">Training steps, within the trainer's range; omitted: its default.</param>
/// <param name="Rank">LoRA rank, for trainers that take one.</param>
/// <param name="LearningRate">Learning rate, for trainers that take one.</param>
public sealed record TrainingJobRequest(string Character, string Provider, string? Kind = null, int? Steps = null, int? Rank = null, double? LearningRate = null)
{
    /// <summary>The training parameters asked for.</summary>
    internal TrainingParameters Parameters => new() { Steps = Steps, Rank = Rank, LearningRate = LearningRate };
}

/// <summary>What a training job keeps as its input: the character resolved to its id, and the parameters asked for.</summary>
internal sealed record TrainingJobInput(Guid CharacterId, string Provider, string? Kind, int? Steps = null, int? Rank = null, double? LearningRate = null)
{
    /// <summary>The training parameters asked for (not stored twice: the fields above are).</summary>
    [JsonIgnore]
    public TrainingParameters Parameters => new() { Steps = Steps, Rank = Rank, LearningRate = LearningRate };
}
