namespace Likeness.Core.References;

/// <summary>
/// Where a reference made from a generated shot came from (seed 003's "Set as Element Reference"): the shot, the
/// identity model and provider that made it, and what was asked. Kept with the reference so a pin or a training built
/// on generated views can always be traced back to them.
/// </summary>
/// <param name="ShotId">The shot.</param>
/// <param name="ImageIndex">Which of its images.</param>
/// <param name="IdentityModelId">The identity model that made it.</param>
/// <param name="Provider">The provider.</param>
/// <param name="Prompt">The prompt it was made with.</param>
/// <param name="Scenario">The scenario or reference view, when one was asked for.</param>
/// <param name="Seed">The seed.</param>
public sealed record ReferenceProvenance(Guid ShotId, int ImageIndex, Guid IdentityModelId, string Provider, string Prompt, string? Scenario, long Seed);
