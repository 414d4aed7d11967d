using Likeness.Workspace.Persistence;
using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Tests;

public sealed class IdentityManagerTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Training_stores_its_weights_and_generates_with_them(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        var reports = new List<TrainingProgress>();
        IdentityModel model = await cast.Workspace.Identities.CreateAsync(cast.Obama, "sim-lora", new SyncProgress(reports));
        Assert.Equal((IdentityModelKind.Trained, IdentityModelStatus.Ready), (model.Kind, model.Status));
        IdentityArtifact weights = Assert.Single(model.Artifacts, a => a.Kind == IdentityArtifactKind.Weights);
        Assert.True(weights.SizeBytes > 0);
        Assert.True(await cast.Workspace.Assets.ExistsAsync(weights.Sha256));
        Assert.Contains(model.Artifacts, a => a.Kind == IdentityArtifactKind.Config);
        Assert.Equal(TrainingStatus.Succeeded, reports[^1].Status);
        Assert.Equal(2.00m, model.CostUsd);

        var shot = await cast.Workspace.Shots.GenerateAsync(cast.Obama, model, new ShotRequest { Prompt = "portrait", Width = 128, Height = 128, Seed = 1 });
        Assert.Equal(ShotStatus.Succeeded, shot.Shot.Status);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Obama.ProjectId);
        Assert.Equal(2.00m + shot.Shot.CostUsd, ledger.CommittedUsd);

        IdentityModel second = await cast.Workspace.Identities.CreateAsync(cast.Obama, "sim-lora");
        Assert.Equal(2, second.Version);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_training_interrupted_by_a_restart_is_resumed_from_the_stored_job_id(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, trainingSeconds: 4);
        using var killed = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Status is TrainingStatus.Queued or TrainingStatus.Running)
            {
                killed.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cast.Workspace.Identities.CreateAsync(cast.Biden, "sim-lora", progress, killed.Token));

        await cast.ReopenAsync();
        IdentityModel stuck = Assert.Single(await cast.Workspace.Identities.ListAsync(cast.Biden.Id));
        Assert.Equal(IdentityModelStatus.Training, stuck.Status);
        Assert.StartsWith("simjob_", stuck.ProviderJobId, StringComparison.Ordinal);
        Assert.Equal(2.00m, (await cast.Workspace.Ledger.ReadAsync(cast.Biden.ProjectId)).ReservedUsd);

        IdentityModel resumed = await cast.Workspace.Identities.ResumeAsync(stuck.Id);
        Assert.Equal(IdentityModelStatus.Ready, resumed.Status);
        CostLedger ledger = await cast.Workspace.Ledger.ReadAsync(cast.Biden.ProjectId);
        Assert.Equal((2.00m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        Assert.Equal(IdentityModelStatus.Ready, (await cast.Workspace.Identities.ResumeAsync(stuck.Id)).Status);
        Assert.Equal(2.00m, (await cast.Workspace.Ledger.ReadAsync(cast.Biden.ProjectId)).CommittedUsd);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Capabilities_and_references_are_checked_with_clear_errors(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        Assert.Contains("Unknown provider 'nope'", (await Assert.ThrowsAsync<NotFoundException>(() => cast.Workspace.Identities.CreateAsync(cast.Obama, "nope"))).Message, StringComparison.Ordinal);
        IdentityModel instant = await cast.IdentityAsync(cast.Obama, "sim-instant");
        var loner = await cast.Workspace.Characters.CreateAsync("Nobody", null, null);
        RuleViolationException few = await Assert.ThrowsAsync<RuleViolationException>(() => cast.Workspace.Identities.CreateAsync(loner, "sim-instant"));
        Assert.Contains("has 0 reference(s)", few.Message, StringComparison.Ordinal);
        Assert.Equal((DomainRules.ReferencesRequired, "Nobody"), (few.Rule, few.Character));
        Assert.DoesNotContain("likeness", few.Message, StringComparison.Ordinal);
        Assert.Contains("cannot do this (training)", Assert.Throws<RuleViolationException>(() => cast.Workspace.Providers.Require<IIdentityTrainer>("sim-instant")).Message, StringComparison.Ordinal);
        Assert.Equal(IdentityModelStatus.Ready, instant.Status);
    }
}
