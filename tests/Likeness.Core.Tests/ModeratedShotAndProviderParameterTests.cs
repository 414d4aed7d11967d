using Likeness.Core.Shots;

namespace Likeness.Core.Tests;

public sealed class ModeratedShotAndProviderParameterTests
{
    [Fact]
    public void A_moderated_shot_keeps_its_images_and_cost_but_takes_no_identity_scores()
    {
        Shot shot = Shot.Create(Guid.NewGuid(), Guid.NewGuid(), "stability", new ShotRequest { Prompt = "x" }, "k", TimeProvider.System);
        shot.Moderate([new string('c', 64)], null, 900, 0.065m, false, new Dictionary<string, string> { ["stability.finish_reason"] = "CONTENT_FILTERED" }, TimeProvider.System);

        Assert.Equal(ShotStatus.Moderated, shot.Status);
        Assert.Single(shot.Assets);
        Assert.Equal(0.065m, shot.CostUsd);
        Assert.Null(shot.Scores.FaceDistanceMean);
        Assert.Throws<RuleViolationException>(() => shot.SetScores(new ShotScores { FaceDetected = true, FaceDistanceMean = 0.3 }));
        Assert.Throws<RuleViolationException>(() => shot.Fail("late", null, TimeProvider.System));
    }

    [Fact]
    public void Provider_parameters_are_part_of_the_cache_key_and_leave_keys_without_them_unchanged()
    {
        Guid identity = Guid.NewGuid();
        var plain = new ShotRequest { Prompt = "x", Seed = 3 };
        string key = ShotCacheKey.Compute(identity, 1, "stability", plain);
        string emptyParameters = ShotCacheKey.Compute(identity, 1, "stability", plain with { ProviderParameters = new Dictionary<string, string>() });
        string low = ShotCacheKey.Compute(identity, 1, "stability", plain with { ProviderParameters = new Dictionary<string, string> { ["strength"] = "0.2" } });
        string high = ShotCacheKey.Compute(identity, 1, "stability", plain with { ProviderParameters = new Dictionary<string, string> { ["strength"] = "0.7" } });
        string both = ShotCacheKey.Compute(identity, 1, "stability", plain with { ProviderParameters = new Dictionary<string, string> { ["strength"] = "0.2", ["fidelity"] = "0.5" } });
        string reordered = ShotCacheKey.Compute(identity, 1, "stability", plain with { ProviderParameters = new Dictionary<string, string> { ["fidelity"] = "0.5", ["strength"] = "0.2" } });

        Assert.Equal(key, emptyParameters);
        Assert.Equal(4, new[] { key, low, high, both }.Distinct().Count());
        Assert.Equal(both, reordered);
        Assert.Throws<RuleViolationException>(() => (plain with { ProviderParameters = new Dictionary<string, string> { [" "] = "1" } }).Validate());
    }
}
