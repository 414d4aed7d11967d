namespace Likeness.Server.Jobs.Training;

/// <summary>A request to make a character's next identity model in the background.</summary>
/// <param name="Character">The character's id or name (in the route's project).</param>
/// <param name="Provider">The provider that trains it (or registers a reference identity).</param>
/// <param name="Kind"><c>trained</c> or <c>reference</c>; omitted trains where the provider can.</param>
public sealed record TrainingJobRequest(string Character, string Provider, string? Kind = null);

/// <summary>What a training job keeps as its input: the character resolved to its id.</summary>
internal sealed record TrainingJobInput(Guid CharacterId, string Provider, string? Kind);
