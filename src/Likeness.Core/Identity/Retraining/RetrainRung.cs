namespace Likeness.Core.Identity.Retraining;

/// <summary>One rung of the <see cref="RetrainLadder"/>: what it changes and the parameters it trains with.</summary>
/// <param name="Change">The change this rung adds.</param>
/// <param name="Parameters">All the parameters it trains with (earlier rungs' changes included).</param>
public sealed record RetrainRung(RetrainChange Change, TrainingParameters Parameters)
{
    /// <summary>True when this rung trains on all the character's references rather than the version's own.</summary>
    public bool AllReferences => Change == RetrainChange.MoreReferences;

    /// <summary>The change for people and for the recorded parameters: "more steps", "higher rank"...</summary>
    public string Name => RetrainChanges.NameOf(Change);
}
