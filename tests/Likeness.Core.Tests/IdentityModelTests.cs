using Likeness.Testing;
using Likeness.Core.Identity;

namespace Likeness.Core.Tests;

public sealed class IdentityModelTests
{
    private readonly ManualTime _time = new();

    private IdentityModel Training() => IdentityModel.StartTraining(
        Guid.NewGuid(), "sim-lora", 1, null, [Guid.NewGuid()], new Dictionary<string, string> { ["steps"] = "1000" }, "job_1", null, _time);

    [Fact]
    public void Training_becomes_ready_with_its_artifacts_then_archived()
    {
        IdentityModel model = Training();
        Assert.Equal(IdentityModelStatus.Training, model.Status);
        Assert.Equal("job_1", model.ProviderJobId);
        _time.Advance(TimeSpan.FromMinutes(3));
        model.MarkReady([new IdentityArtifact { Kind = IdentityArtifactKind.Weights, Name = "w.safetensors", Sha256 = new string('a', 64), SizeBytes = 10 }], 2.5m, _time);
        Assert.Equal(IdentityModelStatus.Ready, model.Status);
        Assert.Equal(2.5m, model.CostUsd);
        Assert.Equal(_time.GetUtcNow(), model.CompletedAt);
        Assert.Contains(model.Artifacts, a => a.Kind == IdentityArtifactKind.ProviderJob);
        Assert.Contains(model.Artifacts, a => a.Kind == IdentityArtifactKind.Weights);
        model.Archive();
        Assert.Equal(IdentityModelStatus.Archived, model.Status);
    }

    [Fact]
    public void Illegal_transitions_are_refused_with_a_clear_message()
    {
        IdentityModel model = Training();
        Assert.Contains("can be archived; this one is training", Assert.Throws<RuleViolationException>(model.Archive).Message, StringComparison.Ordinal);
        model.MarkFailed("out of memory", 0.4m, _time);
        var ex = Assert.Throws<RuleViolationException>(() => model.MarkReady([], 0, _time));
        Assert.Contains("is failed; it cannot become ready", ex.Message, StringComparison.Ordinal);
        model.Archive();
        Assert.Throws<RuleViolationException>(model.Archive);
    }

    [Fact]
    public void Instant_identities_are_ready_at_once_and_cannot_be_trained_kinds()
    {
        IdentityModel model = IdentityModel.CreateReady(Guid.NewGuid(), IdentityModelKind.Reference, "sim-instant", 2, [Guid.NewGuid()], [], _time);
        Assert.Equal(IdentityModelStatus.Ready, model.Status);
        Assert.Equal(2, model.Version);
        Assert.Throws<RuleViolationException>(() => IdentityModel.CreateReady(Guid.NewGuid(), IdentityModelKind.Trained, "x", 1, [], [], _time));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityModel.CreateReady(Guid.NewGuid(), IdentityModelKind.Reference, "x", 0, [], [], _time));
    }
}
