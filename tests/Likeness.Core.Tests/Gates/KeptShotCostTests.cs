using Likeness.Core.Gates;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Projections;
using Likeness.Core.Studies.Scorecard;
using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Tests.Gates;

/// <summary>Price ÷ measured pass rate, with the interval from the rate's Wilson interval.</summary>
public sealed class KeptShotCostTests
{
    [Fact]
    public void A_provider_that_keeps_half_its_shots_costs_twice_its_price_per_kept_shot()
    {
        KeptShotCost cost = KeptShotCost.Of(0.04m, 50, 100)!;
        Assert.Equal(0.08m, cost.PerKeptUsd);
        Interval wilson = Wilson.Interval(50, 100)!;
        Assert.Equal(0.04m / (decimal)wilson.High, cost.LowUsd);
        Assert.Equal(0.04m / (decimal)wilson.Low, cost.HighUsd);
        Assert.True(cost.LowUsd < cost.PerKeptUsd && cost.PerKeptUsd < cost.HighUsd);
    }

    [Fact]
    public void Nothing_passed_has_no_cost_per_kept_shot_and_no_attempts_no_answer()
    {
        KeptShotCost none = KeptShotCost.Of(0.04m, 0, 10)!;
        Assert.Null(none.PerKeptUsd);
        Assert.Null(none.HighUsd);
        Assert.NotNull(none.LowUsd);
        Assert.Null(KeptShotCost.Of(0.04m, 0, 0));
    }

    [Fact]
    public void The_scorecard_reports_cost_per_kept_shot_where_a_pass_rate_is_known()
    {
        var facts = new StudyProviderFacts { Provider = "p", DisplayName = "P", Approach = "reference", PricePerImageUsd = 0.05m };
        var measured = new ScorecardInput(facts, 0.8, 1000, new CostBasis("p", 0.05m, "price table", 0)) { IdentityPass = new RateSummary(8, 10, 0.8, null, Wilson.Interval(8, 10)) };
        var unknown = new ScorecardInput(facts with { Provider = "q" }, null, 1000, new CostBasis("q", 0.05m, "price table", 0));
        StudyScorecard card = ScorecardBuilder.Build([measured, unknown], null, new ScorecardRules());
        Assert.Equal(0.0625m, card.Rows.Single(r => r.Provider == "p").CostPerKept!.PerKeptUsd);
        Assert.Null(card.Rows.Single(r => r.Provider == "q").CostPerKept);
    }
}
