namespace Likeness.Core.Studies.Decisions;

/// <summary>The report's decisions: each provider against the success criteria, the recommendation and the projections at scale.</summary>
/// <param name="Criteria">The criteria judged.</param>
/// <param name="AmortisationMonths">Months a character's training is spread over in the projections.</param>
/// <param name="Providers">Per provider, in study order.</param>
/// <param name="Recommendation">The recommendation.</param>
/// <param name="Projections">Per scale.</param>
/// <param name="VideoPriced">Whether video seconds are priced (when the study made video with a cost per second; the report's Video section has them).</param>
public sealed record StudyDecisions(
    SuccessCriteria Criteria, int AmortisationMonths, IReadOnlyList<ProviderDecision> Providers, Recommendation Recommendation, IReadOnlyList<ScaleProjection> Projections, bool VideoPriced);
