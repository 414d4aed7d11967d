using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Testing;

namespace Likeness.Workspace.Tests.TrainingSets;

/// <summary>A paid training is refused below the configured lint score, and goes ahead with the override, recorded.</summary>
public sealed class TrainingGateTests
{
    [Fact]
    public async Task A_set_below_the_minimum_is_refused_with_the_rule_and_trained_when_overridden_with_the_override_recorded()
    {
        using var folder = new TempFolder();
        // The cast's four photos score 90 (fewer than ten): a minimum of 95 refuses them, the default of 50 would not.
        var options = new WorkspaceOptions { Home = folder.Path, TrainingSetMinimumScore = 95, SimTrainingDuration = TimeSpan.FromMilliseconds(50) };
        using LikenessWorkspace workspace = await FacedCast.OpenAsync(options);
        Character c = await workspace.Characters.GetAsync("Barack Obama");

        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => workspace.Identities.CreateAsync(c, "sim-lora"));
        Assert.Equal(DomainRules.TrainingSetLint, refused.Rule);
        Assert.Contains("scores 90 of 100, below the 95", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await workspace.Identities.ListAsync(c.Id));
        Assert.Equal(0m, (await workspace.Ledger.ReadAsync(c.ProjectId)).CommittedUsd);

        IdentityModel model = await workspace.Identities.CreateAsync(c, "sim-lora", null, ignoreLint: true);
        Assert.Equal(IdentityModelStatus.Ready, model.Status);
        Assert.Equal("ignored: score 90 below 95", model.TrainingParameters["lint"]);

        // An instant identity is not a training: no lint.
        Assert.Equal(IdentityModelKind.Reference, (await workspace.Identities.CreateAsync(c, "sim-instant")).Kind);
    }
}
