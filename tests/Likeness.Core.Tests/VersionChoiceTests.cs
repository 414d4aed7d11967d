using Likeness.Core.Identity;
using Likeness.Testing;

namespace Likeness.Core.Tests;

/// <summary>Which ready version is in use: the best validated by pass rate, then cost per kept shot, then the newest.</summary>
public sealed class VersionChoiceTests
{
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private IdentityModel Ready(int version, int? passed = null, decimal cost = 0.10m)
    {
        _time.Advance(TimeSpan.FromMinutes(1));
        IdentityModel model = IdentityModel.StartTraining(Guid.Empty, "sim", version, null, [], new Dictionary<string, string>(), $"job{version}", null, _time);
        model.MarkReady([], 1m, _time);
        if (passed is { } p)
        {
            model.SetValidation(new IdentityValidation
            {
                Outcome = p >= 9 ? IdentityValidationOutcome.Validated : IdentityValidationOutcome.BelowThreshold,
                Attempts = 10, Passed = p, PassRateLow = 0, PassRateHigh = 1, MinPassRate = 0.9, ByScenario = new Dictionary<string, int[]>(),
                CalibrationId = Guid.Empty, CalibrationVersion = 1, Threshold = 0.5, CostUsd = cost, ValidatedAt = _time.GetUtcNow(),
            });
        }

        return model;
    }

    [Fact]
    public void Without_validations_the_newest_ready_version_is_in_use()
    {
        IdentityModel v1 = Ready(1), v2 = Ready(2);
        Assert.Same(v2, VersionChoice.InUse([v1, v2]));
        Assert.Null(VersionChoice.InUse([]));
    }

    [Fact]
    public void The_best_pass_rate_wins_then_the_cheaper_per_kept_shot_then_the_newer()
    {
        IdentityModel good = Ready(1, passed: 9), better = Ready(2, passed: 10), unvalidated = Ready(3);
        Assert.Same(better, VersionChoice.InUse([good, better, unvalidated]));
        Assert.Same(good, VersionChoice.InUse([good, unvalidated]));

        IdentityModel dear = Ready(4, passed: 10, cost: 0.50m), cheap = Ready(5, passed: 10, cost: 0.20m);
        Assert.Same(cheap, VersionChoice.InUse([dear, cheap]));
        IdentityModel same = Ready(6, passed: 10, cost: 0.20m);
        Assert.Same(same, VersionChoice.InUse([cheap, same]));
    }

    [Fact]
    public void A_persons_latest_choice_of_a_ready_version_wins_over_the_best_validated_and_an_archived_choice_hands_it_back()
    {
        IdentityModel validated = Ready(1, passed: 10), older = Ready(2), newest = Ready(3);
        older.Choose(_time);
        Assert.Same(older, VersionChoice.InUse([validated, older, newest]));

        _time.Advance(TimeSpan.FromMinutes(1));
        newest.Choose(_time);
        Assert.Same(newest, VersionChoice.InUse([validated, older, newest]));

        // Archived: never in use; the previous choice that is still ready takes over, and without one the automatic rule.
        newest.Archive();
        Assert.Same(older, VersionChoice.InUse([validated, older, newest]));
        older.Archive();
        Assert.Same(validated, VersionChoice.InUse([validated, older, newest]));
        Assert.Throws<RuleViolationException>(() => newest.Choose(_time));
    }
}
