using Likeness.Core.Ratings;

namespace Likeness.Core.Tests.Ratings;

public class RaterOrderAndPlannerTests
{
    [Fact]
    public void A_raters_order_is_a_permutation_fixed_by_the_seed_and_different_for_another_seed()
    {
        RaterOrder order = RaterOrder.From(42, 20);
        int[] positions = [.. Enumerable.Range(0, 20).Select(order.PairAt)];
        Assert.Equal(Enumerable.Range(0, 20), positions.Order());
        Assert.Equal(positions, Enumerable.Range(0, 20).Select(RaterOrder.From(42, 20).PairAt));
        Assert.NotEqual(positions, Enumerable.Range(0, 20).Select(RaterOrder.From(43, 20).PairAt));
        Assert.NotEqual(Enumerable.Range(0, 20), positions);
    }

    [Fact]
    public void Sides_are_drawn_per_pair_and_a_press_maps_back_to_the_shot_shown_there()
    {
        RaterOrder order = RaterOrder.From(7, 1000);
        int swapped = Enumerable.Range(0, 1000).Count(order.IsSwapped);
        Assert.InRange(swapped, 400, 600);
        for (int i = 0; i < 1000; i++)
        {
            RatingAnswer left = order.AnswerFor(i, RatingSide.Left);
            Assert.Equal(order.IsSwapped(i) ? RatingAnswer.Second : RatingAnswer.First, left);
            Assert.NotEqual(left, order.AnswerFor(i, RatingSide.Right));
            Assert.Equal(RatingAnswer.CannotTell, order.AnswerFor(i, RatingSide.CannotTell));
        }
    }

    [Fact]
    public void The_planner_pairs_the_kth_shots_of_every_two_providers_in_a_cell_up_to_the_limit()
    {
        Guid character = Guid.NewGuid();
        DateTimeOffset t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        PairCandidate Shot(string arm, string cell, int minute) =>
            new(Guid.NewGuid(), character, arm, cell, "a portrait", 0.4, t0.AddMinutes(minute));

        PairCandidate[] shots =
        [
            Shot("sim", "portrait", 3), Shot("fal", "portrait", 2), Shot("sim", "portrait", 1), Shot("leo", "portrait", 5),
            Shot("fal", "portrait", 4), Shot("sim", "portrait", 6),
            Shot("fal", "street", 1), // alone in its cell: nothing to compare it with
        ];
        IReadOnlyList<PlannedPair> pairs = PairPlanner.Plan(shots, perProviderPair: 2);

        // Arms in ordinal order (fal, leo, sim): fal–leo 1 (leo has one), fal–sim 2 (the limit), leo–sim 1.
        Assert.Equal(
            [("fal", "leo"), ("fal", "sim"), ("fal", "sim"), ("leo", "sim")],
            pairs.Select(p => (p.First.Arm, p.Second.Arm)));

        // Oldest first within an arm: fal's shots at minutes 2 and 4 meet sim's at 1 and 3.
        Assert.Equal([(2, 1), (4, 3)], pairs.Where(p => p.Second.Arm == "sim" && p.First.Arm == "fal")
            .Select(p => ((int)(p.First.CreatedAt - t0).TotalMinutes, (int)(p.Second.CreatedAt - t0).TotalMinutes)));
        Assert.All(pairs, p => Assert.Equal("portrait", p.First.Cell));
    }

    [Fact]
    public void The_planner_refuses_shots_with_nothing_to_compare()
    {
        Guid character = Guid.NewGuid();
        PairCandidate[] shots = [new(Guid.NewGuid(), character, "fal", "portrait", "p", null, DateTimeOffset.UnixEpoch)];
        Assert.Throws<RuleViolationException>(() => PairPlanner.Plan(shots, 2));
        Assert.Throws<InvalidInputException>(() => PairPlanner.Plan(shots, 0));
    }
}
