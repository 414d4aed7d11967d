using Likeness.Core.Studies;
using Likeness.Core.Studies.Projections;
using Likeness.Core.Studies.Scorecard;

namespace Likeness.Core.Tests.Studies;

public class ScorecardAndProjectionTests
{
    [Fact]
    public void Scorecard_total_matches_the_hand_computed_example()
    {
        // Consistency 0.8; no training → 1; 10 s latency → 0.5; $0.05 per image, no training → 0.5; integration 1 (study
        // file); browser default 0.5. Total = .3·.8 + .15·1 + .2·.5 + .15·.5 + .1·1 + .1·.5 = 0.715 → Tier 2.
        StudyProviderFacts facts = StudyFixtures.Facts("p", price: 0.05m) with { Integration = 1.0 };
        var input = new ScorecardInput(facts, 0.8, 10_000, CostBasis.Of(facts, []));
        ProviderScore row = ScorecardBuilder.Build([input], null, new ScorecardRules()).Rows.Single();
        Assert.Equal(0.715, row.Total, 12);
        Assert.Equal(2, row.Tier);
        Assert.Equal(["measured", "no training", "measured", "price table", "study file", "default"], row.Entries.Select(e => e.Source));
    }

    [Fact]
    public void Ratings_are_labelled_with_their_source_and_only_a_missing_one_as_default()
    {
        StudyProviderFacts facts = StudyFixtures.Facts("p") with
        {
            Integration = 0.7,
            IntegrationSource = RatingSources.DefaultTable,
            BrowserCompatibility = 0.2,
            BrowserCompatibilitySource = RatingSources.StudyFile,
        };
        ProviderScore rated = ScorecardBuilder.Build([new ScorecardInput(facts, 0.8, 10_000, CostBasis.Of(facts, []))], null, new ScorecardRules()).Rows.Single();
        Assert.Equal(("default table", 0.7), (rated.Entries[4].Source, rated.Entries[4].Score!.Value));
        Assert.Equal(("study file", 0.2), (rated.Entries[5].Source, rated.Entries[5].Score!.Value));

        StudyProviderFacts unrated = StudyFixtures.Facts("q");
        var rules = new ScorecardRules { DefaultIntegration = 0.4, DefaultBrowserCompatibility = 0.3 };
        ProviderScore fallback = ScorecardBuilder.Build([new ScorecardInput(unrated, 0.8, 10_000, CostBasis.Of(unrated, []))], null, rules).Rows.Single();
        Assert.Equal(("default", 0.4), (fallback.Entries[4].Source, fallback.Entries[4].Score!.Value));
        Assert.Equal(("default", 0.3), (fallback.Entries[5].Source, fallback.Entries[5].Score!.Value));
    }

    [Fact]
    public void Missing_criteria_spread_their_weight_and_trained_approaches_get_the_default_time()
    {
        // No pass rate and no latency: the remaining weights (.15 + .15 + .1 + .1 = .5) carry the total.
        // Training default 1200 s → 1/(1 + 1200/900) = 0.428571; cost $0.01 + $2/100 = $0.03 → 1/(1 + 0.6) = 0.625.
        StudyProviderFacts facts = StudyFixtures.Facts("p", price: 0.01m, approach: "trained", training: 2m);
        var input = new ScorecardInput(facts, null, null, CostBasis.Of(facts, []));
        ProviderScore row = ScorecardBuilder.Build([input], null, new ScorecardRules()).Rows.Single();
        double expected = ((0.15 * (3.0 / 7)) + (0.15 * 0.625) + (0.1 * 0.5) + (0.1 * 0.5)) / 0.5;
        Assert.Equal(expected, row.Total, 12);
        Assert.Equal("default", row.Entries[1].Source);
        Assert.Equal("missing", row.Entries[0].Source);
    }

    [Fact]
    public void Weights_are_validated()
    {
        Assert.Equal(1.0, ScorecardCriteria.DefaultWeights.Values.Sum(), 12);
        Assert.Throws<ArgumentException>(() => ScorecardCriteria.Resolve(new Dictionary<string, double> { ["consistency"] = 0.9 }));
        Assert.Throws<ArgumentException>(() => ScorecardCriteria.Resolve(new Dictionary<string, double> { ["speed"] = 1.0 }));
        Assert.Throws<ArgumentException>(() => ScorecardCriteria.Resolve(new Dictionary<string, double> { ["consistency"] = 1.5, ["cost"] = -0.5 }));
        IReadOnlyDictionary<string, double> only = ScorecardCriteria.Resolve(new Dictionary<string, double> { ["consistency"] = 1.0 });
        Assert.Equal(0, only[ScorecardCriteria.Cost]);
        Assert.Equal(3, new ScorecardRules().TierOf(0.2));
        Assert.Equal(1, new ScorecardRules().TierOf(0.75));
    }

    [Fact]
    public void Projection_adds_images_and_training_per_character()
    {
        // $0.04 × 1000 + $2 × 3 characters = $46; × 10 000 → $406; × 100 000 → $4006.
        var basis = new CostBasis("p", 0.04m, "price table", 2m);
        CostProjection projection = CostProjection.Of(basis, 3, [1_000, 10_000, 100_000]);
        Assert.Equal([46m, 406m, 4006m], projection.Months.Select(m => m.MonthlyUsd));
    }

    [Fact]
    public void Break_even_is_training_gap_over_price_gap()
    {
        // Instant: no training, $0.05/image. LoRA: $1.50 training, $0.02/image. n* = 1.5 / 0.03 = 50.
        var instant = new CostBasis("instant", 0.05m, "price table", 0m);
        var lora = new CostBasis("lora", 0.02m, "price table", 1.5m);
        BreakEven b = BreakEven.Between(instant, lora);
        Assert.Equal(50, b.GenerationsPerCharacter!.Value, 9);
        Assert.Equal("instant", b.CheaperBelow);
        Assert.Equal("lora", b.CheaperAbove);
        Assert.Equal(50, BreakEven.Between(lora, instant).GenerationsPerCharacter!.Value, 9);
    }

    [Fact]
    public void Break_even_is_never_when_one_is_cheaper_everywhere()
    {
        var cheap = new CostBasis("cheap", 0.01m, "price table", 0m);
        var dear = new CostBasis("dear", 0.02m, "price table", 2m);
        BreakEven b = BreakEven.Between(cheap, dear);
        Assert.Null(b.GenerationsPerCharacter);
        Assert.Equal("cheap", b.CheaperBelow);
        Assert.Null(b.CheaperAbove);
        Assert.Null(BreakEven.Between(cheap, cheap with { Provider = "twin" }).CheaperBelow);
    }

    [Fact]
    public void Cost_basis_prefers_measured_new_calls_over_the_price_table()
    {
        StudyProviderFacts facts = StudyFixtures.Facts("p", price: 0.09m);
        StudyShotResult[] shots =
        [
            StudyFixtures.Shot("p", "s", 1, 0.4, cost: 0.03m),
            StudyFixtures.Shot("p", "s", 2, 0.4, cost: 0.05m),
            StudyFixtures.Shot("p", "s", 3, 0.4, cost: 0m) with { Cached = true },
        ];
        CostBasis basis = CostBasis.Of(facts, shots);
        Assert.Equal(0.04m, basis.PerImageUsd);
        Assert.Equal("measured", basis.PerImageSource);
        Assert.Equal("price table", CostBasis.Of(facts, []).PerImageSource);
    }
}
