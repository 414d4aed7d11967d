using Likeness.Core;
using Likeness.Core.Assets;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests.Deletion;

/// <summary>Deletes leave nothing behind, keep the ledger's history, refuse what is in use or unsettled, and are audited.</summary>
public sealed class DeletionServiceTests
{
    private static ShotRequest Request(int seed) => new() { Prompt = "portrait in a park", Width = 64, Height = 64, Seed = seed };

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_character_delete_removes_everything_it_owned_keeps_the_ledger_and_leaves_the_books_reconciled(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace ws = cast.Workspace;
        IdentityModel trained = await ws.Identities.CreateAsync(cast.Obama, "sim-lora");
        IdentityModel instant = await cast.IdentityAsync(cast.Obama, "sim-instant");
        ShotOutcome a = await ws.Shots.GenerateAsync(cast.Obama, trained, Request(1));
        ShotOutcome b = await ws.Shots.GenerateAsync(cast.Obama, instant, Request(2));
        ShotOutcome biden = await ws.Shots.GenerateAsync(cast.Biden, await cast.IdentityAsync(cast.Biden, "sim-instant"), Request(3));
        IReadOnlyList<ReferenceImage> references = await ws.Characters.ReferencesAsync(cast.Obama.Id);
        string[] owned = [.. references.Select(r => r.AssetSha256), .. a.Shot.Assets, .. b.Shot.Assets, .. trained.Artifacts.Where(x => x.Sha256.Length > 0).Select(x => x.Sha256)];
        decimal committed = (await ws.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd;

        DeletionPlan plan = await ws.Deletions.PlanCharacterAsync("barack obama");
        Assert.Equal((references.Count, 2, 2, 0, 0), (plan.References, plan.Identities, plan.Shots, plan.Pins, plan.Videos));
        Assert.Equal(owned.Distinct().Count(), plan.Files);
        Assert.True(plan.Bytes > 0);

        DeletionResult result = await ws.Deletions.DeleteCharacterAsync(cast.Obama.Name, new DeleteOptions("gdpr-request-17"));
        Assert.Equal(plan, result.Plan);
        Assert.Equal(0, result.FilesLeft);
        foreach (string sha in owned)
        {
            Assert.False(await ws.Assets.ExistsAsync(sha), sha);
        }

        Assert.True(await ws.Assets.ExistsAsync(biden.Shot.Assets[0]));
        await using (LikenessDbContext db = ws.OpenDb())
        {
            Assert.False(await db.Characters.AnyAsync(c => c.Id == cast.Obama.Id));
            Assert.Equal(0, await db.References.CountAsync(r => r.CharacterId == cast.Obama.Id) + await db.IdentityModels.CountAsync(m => m.CharacterId == cast.Obama.Id) + await db.Shots.CountAsync(s => s.CharacterId == cast.Obama.Id));
            Assert.False(await db.Claims.AnyAsync(c => c.Key.Contains(cast.Obama.Id.ToString("N")) || c.SubjectId == a.Shot.Id || c.SubjectId == trained.Id));

            // Money is history: every line stays with its amount, and none names the character any more.
            List<LedgerEntry> lines = await db.Ledger.ToListAsync();
            Assert.DoesNotContain(lines, l => l.Description.Contains("Obama", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Description.Contains("Biden", StringComparison.Ordinal));
            DeletionRecord audit = Assert.Single(await db.Deletions.ToListAsync());
            Assert.Equal(("gdpr-request-17", DeletionKind.Character, cast.Obama.Id, false), (audit.Actor, audit.Kind, audit.SubjectId, audit.Forced));
            Assert.Equal(plan.Counts(), audit.Counts);
            Assert.Empty(audit.PendingAssets);
            Assert.Equal(trained.CostUsd + a.Shot.CostUsd + b.Shot.CostUsd, audit.CostUsd);
        }

        Assert.Equal(committed, (await ws.Ledger.ReadAsync(cast.Obama.ProjectId)).CommittedUsd);
        DoctorReport doctor = await ws.Doctor.RunAsync();
        Assert.True(doctor.Reconciled, string.Join("; ", doctor.Projects.Select(p => $"{p.CommittedUsd} vs {p.SucceededUsd}, {p.OpenReservations} open")));
        await Assert.ThrowsAsync<NotFoundException>(() => ws.Deletions.PlanCharacterAsync(cast.Obama.Id.ToString()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_shot_delete_keeps_an_image_another_shot_still_uses_and_a_new_request_is_made_afresh(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace ws = cast.Workspace;
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        ShotOutcome first = await ws.Shots.GenerateAsync(cast.Obama, identity, Request(1));
        ShotOutcome twin = await ws.Shots.GenerateAsync(cast.Obama, identity, Request(1), useCache: false);
        Assert.Equal(first.Shot.Assets, twin.Shot.Assets);

        DeletionResult kept = await ws.Deletions.DeleteShotAsync(first.Shot.Id.ToString("N")[..12], new DeleteOptions());
        Assert.Equal((1, 0), (kept.Plan.Shots, kept.Plan.Files));
        Assert.True(await ws.Assets.ExistsAsync(twin.Shot.Assets[0]));

        DeletionResult gone = await ws.Deletions.DeleteShotAsync(twin.Shot.Id.ToString(), new DeleteOptions());
        Assert.Equal((1, 1), (gone.Plan.Shots, gone.Plan.Files));
        Assert.False(await ws.Assets.ExistsAsync(twin.Shot.Assets[0]));
        await Assert.ThrowsAsync<NotFoundException>(() => ws.Deletions.DeleteShotAsync(twin.Shot.Id.ToString(), new DeleteOptions()));

        // The deleted shot's claim went with it: the same request is a new shot, not a cache hit on a missing row.
        ShotOutcome again = await ws.Shots.GenerateAsync(cast.Obama, identity, Request(1));
        Assert.False(again.FromCache);
        Assert.True(await ws.Assets.ExistsAsync(again.Shot.Assets[0]));
        Assert.True((await ws.Doctor.RunAsync()).Reconciled);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_reference_an_identity_was_made_from_is_refused_unless_forced(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace ws = cast.Workspace;
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "sim-instant");
        Guid used = identity.ReferenceIds[0];
        ReferenceImage reference = (await ws.Characters.ReferencesAsync(cast.Obama.Id)).Single(r => r.Id == used);

        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => ws.Deletions.DeleteReferenceAsync(used.ToString(), new DeleteOptions()));
        Assert.Equal(DomainRules.InUse, refused.Rule);
        Assert.True(await ws.Assets.ExistsAsync(reference.AssetSha256));

        DeletionResult forced = await ws.Deletions.DeleteReferenceAsync(used.ToString(), new DeleteOptions(Force: true));
        Assert.Equal((1, 1), (forced.Plan.References, forced.Plan.Files));
        Assert.False(await ws.Assets.ExistsAsync(reference.AssetSha256));
        Assert.DoesNotContain(await ws.Characters.ReferencesAsync(cast.Obama.Id), r => r.Id == used);
        await using LikenessDbContext db = ws.OpenDb();
        Assert.True((await db.Deletions.SingleAsync()).Forced);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_training_identity_is_refused_unless_forced_and_then_cancelled_at_the_provider_and_refunded(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind, trainingSeconds: 600);
        LikenessWorkspace ws = cast.Workspace;
        using var stop = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Status is TrainingStatus.Queued or TrainingStatus.Running)
            {
                stop.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ws.Identities.CreateAsync(cast.Biden, "sim-lora", progress, stop.Token));
        IdentityModel training = Assert.Single(await ws.Identities.ListAsync(cast.Biden.Id));
        Assert.Equal(IdentityModelStatus.Training, training.Status);

        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => ws.Deletions.DeleteIdentityAsync(training.Id.ToString(), new DeleteOptions()));
        Assert.Equal(DomainRules.TrainingRunning, refused.Rule);

        await ws.Deletions.DeleteIdentityAsync(training.Id.ToString(), new DeleteOptions(Force: true));
        Assert.Empty(await ws.Identities.ListAsync(cast.Biden.Id));
        TrainingOperation atProvider = await ws.Providers.Require<IIdentityTrainer>("sim-lora").ResumeTrainingAsync(training.ProviderJobId!);
        Assert.Equal(TrainingStatus.Cancelled, await atProvider.UpdateStatusAsync());
        CostLedger ledger = await ws.Ledger.ReadAsync(cast.Biden.ProjectId);
        Assert.Equal((0m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        DoctorReport doctor = await ws.Doctor.RunAsync();
        Assert.True(doctor.Reconciled);
        Assert.Empty(doctor.Actions);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Money_held_open_refuses_the_delete_until_the_doctor_settles_it(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace ws = cast.Workspace;
        ShotOutcome shot = await ws.Shots.GenerateAsync(cast.Obama, await cast.IdentityAsync(cast.Obama, "sim-instant"), Request(4));

        // A reservation for the shot that nothing closed (as a process killed between reserving and its claim would leave).
        await ws.Ledger.ReserveAsync(cast.Obama.ProjectId, 0.5m, shot.Shot.Id, "shot Barack Obama at sim-instant");
        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => ws.Deletions.DeleteCharacterAsync(cast.Obama.Name, new DeleteOptions(Force: true)));
        Assert.Equal(DomainRules.Unsettled, refused.Rule);
        await Assert.ThrowsAsync<RuleViolationException>(() => ws.Deletions.DeleteShotAsync(shot.Shot.Id.ToString(), new DeleteOptions()));
        Assert.NotEmpty(await ws.Characters.ReferencesAsync(cast.Obama.Id));

        Assert.True((await ws.Doctor.RunAsync()).Reconciled);
        await ws.Deletions.DeleteCharacterAsync(cast.Obama.Name, new DeleteOptions());
        Assert.True((await ws.Doctor.RunAsync()).Reconciled);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_doctor_finishes_an_interrupted_file_removal_and_sweeps_old_orphans_but_not_fresh_ones(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        LikenessWorkspace ws = cast.Workspace;
        ShotOutcome shot = await ws.Shots.GenerateAsync(cast.Obama, await cast.IdentityAsync(cast.Obama, "sim-instant"), Request(5));
        string image = shot.Shot.Assets[0];
        byte[] bytes = await ws.Assets.ReadAllBytesAsync(image);
        await ws.Deletions.DeleteShotAsync(shot.Shot.Id.ToString(), new DeleteOptions());

        // As if the process died after the commit, before removing the file: the file is back and still listed.
        await ws.Assets.PutAsync(bytes, "image/png");
        await using (LikenessDbContext db = ws.OpenDb())
        {
            string pending = $"[\"{image}\"]";
            await db.Database.ExecuteSqlAsync($"UPDATE \"Deletions\" SET \"PendingAssets\" = {pending}");
        }

        // An orphan written long ago goes; one written just now may be a call storing its outputs, so it stays.
        AssetRefs orphans = await AssetRefs.PutAsync(ws, [7, 7, 7], [8, 8, 8]);
        File.SetLastWriteTimeUtc(ws.Assets.Locate(orphans.Old), DateTime.UtcNow - TimeSpan.FromDays(2));

        DoctorReport doctor = await ws.Doctor.RunAsync();
        Assert.Contains(doctor.Actions, a => a.Kind == "files");
        Assert.False(await ws.Assets.ExistsAsync(image));
        Assert.False(await ws.Assets.ExistsAsync(orphans.Old));
        Assert.True(await ws.Assets.ExistsAsync(orphans.Fresh));
        foreach (ReferenceImage reference in await ws.Characters.ReferencesAsync(cast.Obama.Id))
        {
            Assert.True(await ws.Assets.ExistsAsync(reference.AssetSha256));
        }

        await using (LikenessDbContext db = ws.OpenDb())
        {
            Assert.Empty((await db.Deletions.SingleAsync()).PendingAssets);
        }
    }

    private sealed record AssetRefs(string Old, string Fresh)
    {
        public static async Task<AssetRefs> PutAsync(LikenessWorkspace ws, byte[] old, byte[] fresh) =>
            new((await ws.Assets.PutAsync(old, "application/octet-stream")).Sha256, (await ws.Assets.PutAsync(fresh, "application/octet-stream")).Sha256);
    }
}
