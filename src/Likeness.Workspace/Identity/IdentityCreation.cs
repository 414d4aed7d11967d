using Likeness.Core.Identity;
using Likeness.Workspace.Credits;

namespace Likeness.Workspace.Identity;

/// <summary>What a caller asks of a new identity version beyond its character and provider.</summary>
public sealed record IdentityCreation
{
    /// <summary>Trained or reference; null trains where the provider can.</summary>
    public IdentityModelKind? Kind { get; init; }

    /// <summary>Train even when the training set scores below the lint minimum (recorded on the identity).</summary>
    public bool IgnoreLint { get; init; }

    /// <summary>Steps, LoRA rank and learning rate asked for; checked against the trainer's limits before any money moves.</summary>
    public TrainingParameters Parameters { get; init; } = TrainingParameters.None;

    /// <summary>The member whose credits pay too (a request through the server), if any.</summary>
    public Payer? Payer { get; init; }

    /// <summary>
    /// For a retrain attempt: the version it retrains (recorded as its parent). Its claim is keyed by the parent and the
    /// parameters, not by the next version number, so the same attempt asked twice, at once or later, is made once.
    /// </summary>
    public IdentityModel? Parent { get; init; }

    /// <summary>For a retrain attempt: the ladder's change, recorded in the parameters as <c>retrain</c>.</summary>
    public string? Change { get; init; }

    /// <summary>Train on these references only (those the character still has); null for all of them, up to the provider's maximum.</summary>
    public IReadOnlyCollection<Guid>? ReferenceIds { get; init; }
}
