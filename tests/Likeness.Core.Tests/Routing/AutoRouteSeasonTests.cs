using Likeness.Core.Routing;
using Likeness.Testing;
using Xunit.Abstractions;

namespace Likeness.Core.Tests.Routing;

/// <summary>
/// A simulated season on a manual clock: a lead who needs 10 kept shots a day and a secondary who needs one every
/// three days, for 30 days, each kept shot re-rolled until the gate passes it (a Bernoulli draw at the route's pass
/// rate). Three policies: always instant, always train (before the first shot), and auto.
/// </summary>
public sealed class AutoRouteSeasonTests(ITestOutputHelper output)
{
    // fal-like numbers: Instant Character at $0.04 keeping 70 %; a FLUX LoRA at $0.035 keeping 95 %, trained for $2.
    private static readonly RouteEconomics Economics = new(0.04m, 0.70, 0.035m, 0.95, 2.00m);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    private enum Policy { Instant, Train, Auto }

    private sealed class Member(string name, double perDay)
    {
        public string Name { get; } = name;
        public double PerDay { get; } = perDay;
        public bool Trained { get; set; }
        public int Kept { get; set; }
        public DateTimeOffset? First { get; set; }
        public DateTimeOffset? TrainedAt { get; set; }
        public int KeptAtTraining { get; set; }
        public decimal Spent { get; set; }
    }

    private static (decimal PerKept, Member Lead, Member Secondary) Season(Policy policy, int seed)
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var random = new Random(seed);
        Member lead = new("lead", 10), secondary = new("secondary", 1.0 / 3);
        Member[] cast = [lead, secondary];
        foreach (Member m in cast.Where(_ => policy == Policy.Train))
        {
            (m.Trained, m.Spent, m.TrainedAt) = (true, Economics.TrainingUsd, time.GetUtcNow());
        }

        var owed = cast.ToDictionary(m => m, _ => 0.0);
        for (int hour = 0; hour < 30 * 24; hour++)
        {
            time.Advance(TimeSpan.FromHours(1));
            foreach (Member m in cast)
            {
                owed[m] += m.PerDay / 24;
                for (; owed[m] >= 1; owed[m]--)
                {
                    m.First ??= time.GetUtcNow();
                    if (policy == Policy.Auto && !m.Trained && AutoRoute.Decide(Economics, m.Kept, m.First.Value, time.GetUtcNow(), Horizon).Train)
                    {
                        (m.Trained, m.TrainedAt, m.KeptAtTraining) = (true, time.GetUtcNow(), m.Kept);
                        m.Spent += Economics.TrainingUsd;
                    }

                    // Attempts until one passes, each paid.
                    (decimal price, double pass) = m.Trained ? (Economics.TrainedPerAttemptUsd, Economics.TrainedPassRate) : (Economics.InstantPerAttemptUsd, Economics.InstantPassRate);
                    do
                    {
                        m.Spent += price;
                    }
                    while (random.NextDouble() >= pass);
                    m.Kept++;
                }
            }
        }

        return ((lead.Spent + secondary.Spent) / (lead.Kept + secondary.Kept), lead, secondary);
    }

    [Fact]
    public void Auto_trains_the_lead_after_its_break_even_keeps_the_secondary_instant_and_costs_less_per_kept_shot_than_either_fixed_policy()
    {
        var instant = Season(Policy.Instant, 1);
        var train = Season(Policy.Train, 1);
        var auto = Season(Policy.Auto, 1);
        double breakEven = Economics.BreakEvenKeptShots!.Value;
        output.WriteLine($"break-even {breakEven:0.0} kept shots; cost per kept shot: instant ${instant.PerKept:0.0000}, train ${train.PerKept:0.0000}, auto ${auto.PerKept:0.0000}; " +
            $"lead {auto.Lead.Kept} kept, trained at kept shot {auto.Lead.KeptAtTraining} on {auto.Lead.TrainedAt:yyyy-MM-dd HH:mm}; secondary {auto.Secondary.Kept} kept, trained: {auto.Secondary.Trained}");

        // 300 and 10 kept shots asked for (the hourly share adds up in floating point, so the last may fall past the end).
        Assert.InRange(auto.Lead.Kept, 299, 300);
        Assert.InRange(auto.Secondary.Kept, 9, 10);
        Assert.True(auto.Lead.Trained);
        Assert.False(auto.Secondary.Trained);
        // It trained once the lead's expected volume passed the break-even: after the evidence, long before 30 days.
        Assert.Equal(AutoRoute.MinimumEvidence, auto.Lead.KeptAtTraining);
        Assert.True(10.0 / 1 * Horizon.TotalDays >= breakEven);
        Assert.True(auto.PerKept < instant.PerKept, $"auto {auto.PerKept} vs instant {instant.PerKept}");
        Assert.True(auto.PerKept < train.PerKept, $"auto {auto.PerKept} vs train {train.PerKept}");
    }

    [Fact]
    public void The_break_even_follows_the_measured_numbers_not_a_constant()
    {
        Assert.Equal(2.00 / ((0.04 / 0.70) - (0.035 / 0.95)), Economics.BreakEvenKeptShots!.Value, 6);
        Assert.Null((Economics with { TrainedPassRate = 0.5 }).BreakEvenKeptShots);           // trained is dearer per kept shot
        Assert.Equal(0, (Economics with { InstantPassRate = 0 }).BreakEvenKeptShots);          // instant never passes
        Assert.True((Economics with { TrainingUsd = 8m }).BreakEvenKeptShots > Economics.BreakEvenKeptShots);

        DateTimeOffset start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        AutoDecision few = AutoRoute.Decide(Economics, 4, start, start.AddDays(1), Horizon);
        Assert.False(few.Train);
        AutoDecision slow = AutoRoute.Decide(Economics, 6, start, start.AddDays(20), Horizon);
        Assert.False(slow.Train);                                                             // 9 expected in 30 days: under ~100
        Assert.True(AutoRoute.Decide(Economics, 20, start, start.AddDays(2), Horizon).Train);  // 300 expected
    }
}
