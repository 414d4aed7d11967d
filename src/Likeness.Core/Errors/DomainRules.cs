namespace Likeness.Core;

/// <summary>Stable names of the rules a <see cref="RuleViolationException"/> may carry in its <c>Rule</c>.</summary>
public static class DomainRules
{
    /// <summary>The character has fewer references than asked for.</summary>
    public const string ReferencesRequired = "references-required";

    /// <summary>A pin needs a reference with the frontal role, or one named as frontal.</summary>
    public const string FrontalRequired = "frontal-required";

    /// <summary>The provider needs an API key that is not set.</summary>
    public const string KeyRequired = "key-required";

    /// <summary>The identity model is not ready (training, failed or archived).</summary>
    public const string IdentityNotReady = "identity-not-ready";

    /// <summary>What is to be deleted is still used (a reference by an identity model or a pin); forcing deletes it anyway.</summary>
    public const string InUse = "in-use";

    /// <summary>The identity model is still training; forcing cancels the training at the provider first.</summary>
    public const string TrainingRunning = "training-running";

    /// <summary>Money is still held open for it (a reservation or a claim not settled); the doctor settles it.</summary>
    public const string Unsettled = "unsettled";
    /// <summary>The training set scored below the configured minimum (see <c>likeness character lint</c>); <c>--ignore-lint</c> overrides it.</summary>
    public const string TrainingSetLint = "training-set-lint";

    /// <summary>The provider or identity cannot put several characters in one shot.</summary>
    public const string MultiCharacter = "multi-character";
}
