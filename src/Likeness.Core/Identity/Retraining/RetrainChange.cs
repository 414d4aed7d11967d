namespace Likeness.Core.Identity.Retraining;

/// <summary>What a retrain rung changes.</summary>
public enum RetrainChange
{
    /// <summary>Doubled steps.</summary>
    MoreSteps,

    /// <summary>Doubled LoRA rank.</summary>
    HigherRank,

    /// <summary>Halved learning rate.</summary>
    LowerLearningRate,

    /// <summary>All the character's references, not only those the version was trained on.</summary>
    MoreReferences,
}

/// <summary>Names of <see cref="RetrainChange"/> values.</summary>
public static class RetrainChanges
{
    /// <summary>"more steps", "higher rank", "lower learning rate", "more references".</summary>
    public static string NameOf(RetrainChange change) => change switch
    {
        RetrainChange.MoreSteps => "more steps",
        RetrainChange.HigherRank => "higher rank",
        RetrainChange.LowerLearningRate => "lower learning rate",
        RetrainChange.MoreReferences => "more references",
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown retrain change."),
    };
}
