using Likeness.Core.Gates;

namespace Likeness.Core.Studies.Decisions;

/// <summary>One provider against the success criteria, with what one kept shot costs there.</summary>
/// <param name="Provider">The provider (study label).</param>
/// <param name="Approach">"trained" or "reference".</param>
/// <param name="Identity">Identity kept, judged with the pass rate's Wilson interval.</param>
/// <param name="Time">Seconds a shot, judged with the bootstrap interval of the mean latency.</param>
/// <param name="Price">Dollars an image, judged with the bootstrap interval of the mean measured cost (none from the price table).</param>
/// <param name="PerKept">Price ÷ pass rate with its interval; null without a pass rate.</param>
/// <param name="TrainingPerCharacterUsd">What training one character costs (0 without training).</param>
public sealed record ProviderDecision(
    string Provider, string Approach, CriterionJudgement Identity, CriterionJudgement Time, CriterionJudgement Price, KeptShotCost? PerKept, decimal TrainingPerCharacterUsd)
{
    /// <summary>True when no criterion is (likely or surely) not met and each has data.</summary>
    public bool MeetsAll => new[] { Identity, Time, Price }.All(j => j.Verdict is CriterionVerdict.Met or CriterionVerdict.LikelyMet);
}
