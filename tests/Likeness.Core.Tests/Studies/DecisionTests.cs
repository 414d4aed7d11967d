using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;
using Likeness.Core.Studies.Decisions;
using Likeness.Core.Studies.Statistics;
using static Likeness.Core.Tests.Studies.StudyFixtures;

namespace Likeness.Core.Tests.Studies;

/// <summary>The report's decisions follow from the measured numbers: criteria with intervals, the recommendation and the projections.</summary>
public sealed class DecisionTests
{
    private static readonly CalibrationSamples Calibration = new("test", [0.3, 0.4, 0.5], [.. Enumerable.Range(0, 100).Select(i => 0.55 + (i * 0.004))]);

    [Theory]
    [InlineData(0.97, 0.99, 0.98, true, CriterionVerdict.Met)]
    [InlineData(0.90, 0.99, 0.96, true, CriterionVerdict.LikelyMet)]
    [InlineData(0.90, 0.99, 0.93, true, CriterionVerdict.LikelyNotMet)]
    [InlineData(0.50, 0.90, 0.70, true, CriterionVerdict.NotMet)]
    [InlineData(10, 20, 15, false, CriterionVerdict.Met)]
    [InlineData(25, 35, 29, false, CriterionVerdict.LikelyMet)]
    public void A_criterion_is_met_only_when_its_whole_interval_is_on_the_right_side(double low, double high, double measured, bool higherIsBetter, CriterionVerdict expected)
    {
        double target = higherIsBetter ? 0.95 : 30;
        Assert.Equal(expected, CriterionJudgement.Of("x", target, higherIsBetter, measured, new Interval(low, high), "m").Verdict);
        Assert.Equal(CriterionVerdict.NoData, CriterionJudgement.Of("x", target, higherIsBetter, null, null, "m").Verdict);
    }

    [Fact]
    public void Training_is_recommended_for_main_characters_past_the_break_even_in_kept_shots()
    {
        // LoRA: $2 training, $0.02 an image, 20 of 20 kept → $0.02 per kept shot. Instant: $0.03, 10 of 20 → $0.06.
        StudyAnalysis analysis = Analyze(instantKept: 10, instantPrice: 0.03m);
        StudyDecisions d = analysis.Decisions;
        Assert.Equal(("lora", "instant", Recommendation.KeptShotsPerCharacter), (d.Recommendation.Primary, d.Recommendation.Fallback, d.Recommendation.Trigger));
        Assert.Equal(2.0 / 0.04, d.Recommendation.TriggerValue!.Value, 9);
        Assert.Contains("50 kept shots per character", d.Recommendation.Text, StringComparison.Ordinal);

        ProviderDecision instant = d.Providers.Single(p => p.Provider == "instant");
        Assert.Equal(CriterionVerdict.NotMet, instant.Identity.Verdict);
        Assert.Equal(Wilson.Interval(10, 20), instant.Identity.Ci95);
        Assert.Equal(CriterionVerdict.Met, instant.Price.Verdict);
        Assert.Equal(CriterionVerdict.Met, instant.Time.Verdict);
        Assert.Equal(DecisionMaker.MeasuredPriceMethod, instant.Price.Method);

        // The seeds' three scales; training amortised over 12 months.
        Assert.Equal([(10, 1_000), (50, 10_000), (200, 100_000)], d.Projections.Select(p => (p.Scale.Characters, p.Scale.GenerationsPerMonth)));
        ScaleProjection small = d.Projections[0];
        Assert.Equal((1_000 * 0.02m) + (10 * 2m / 12), small.MonthlyUsd["lora"]);
        Assert.Equal(1_000 * 0.06m, small.MonthlyUsd["instant"]);
        Assert.Equal("lora", small.Cheapest);
        Assert.False(d.VideoPriced);
    }

    [Fact]
    public void When_instant_keeps_the_identity_and_costs_less_per_kept_shot_training_never_pays_and_the_trigger_is_a_pass_rate()
    {
        StudyAnalysis analysis = Analyze(instantKept: 20, instantPrice: 0.015m);
        Recommendation r = analysis.Decisions.Recommendation;
        Assert.Equal(("instant", "lora", Recommendation.PassRate), (r.Primary, r.Fallback, r.Trigger));

        // Instant stays cheaper per kept shot while $0.015 ÷ rate < LoRA's $0.02.
        Assert.Equal(0.015 / 0.02, r.TriggerValue!.Value, 9);
        Assert.Contains("training never pays", r.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Criteria_scales_and_amortisation_come_from_the_study_when_given()
    {
        StudyAnalysis analysis = Analyze(10, 0.03m, r => r with
        {
            SuccessCriteria = new SuccessCriteria { IdentityRate = 0.4, SecondsPerShot = 0.5, UsdPerImage = 0.025m },
            ProjectionScales = [new ProjectionScale(1, 100)],
            TrainingAmortisationMonths = 1,
        });
        ProviderDecision instant = analysis.Decisions.Providers.Single(p => p.Provider == "instant");
        Assert.Equal((CriterionVerdict.LikelyMet, CriterionVerdict.NotMet, CriterionVerdict.NotMet), (instant.Identity.Verdict, instant.Time.Verdict, instant.Price.Verdict));
        Assert.Equal((100 * 0.02m) + 2m, Assert.Single(analysis.Decisions.Projections).MonthlyUsd["lora"]);
    }

    [Fact]
    public void Without_a_calibrated_threshold_there_is_no_recommendation()
    {
        StudyAnalysis analysis = Analyze(10, 0.03m, r => r with { Calibration = null });
        Assert.Null(analysis.Decisions.Recommendation.Primary);
        Assert.All(analysis.Decisions.Providers, p => Assert.Equal(CriterionVerdict.NoData, p.Identity.Verdict));
    }

    private static StudyAnalysis Analyze(int instantKept, decimal instantPrice, Func<StudyResults, StudyResults>? change = null)
    {
        var shots = new List<StudyShotResult>();
        for (int i = 1; i <= 20; i++)
        {
            shots.Add(Shot("lora", "s", i, 0.3, cost: 0.02m));
            shots.Add(Shot("instant", "s", i, i <= instantKept ? 0.3 : 0.9, cost: instantPrice));
        }

        var results = new StudyResults
        {
            Name = "decisions",
            FinishedAt = DateTimeOffset.UnixEpoch,
            Shots = shots,
            Providers = [Facts("lora", 0.02m, "trained", training: 2m), Facts("instant", instantPrice)],
            Calibration = Calibration,
        };
        return StudyAnalyzer.Analyze(change is null ? results : change(results), new StudyAnalysisOptions { Resamples = 200, Permutations = 200 });
    }
}
