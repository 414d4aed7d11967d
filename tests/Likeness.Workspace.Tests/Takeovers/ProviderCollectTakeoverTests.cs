using Likeness.Core.Costs;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>
/// <see cref="CollectTakeoverTests"/> for Replicate, Leonardo and Astria FaceID, at their emulators: a shot whose status
/// reads fail (a 503, a 429, a dropped connection) after the provider took it keeps its claim with the provider's job
/// id, and the next attempt (another process) collects it: charged once, one submission. A shot the provider says
/// failed is failed by the collect: refunded and the request made afresh, or, when the provider billed it (Replicate's
/// GPU time), charged and the answer, not sent again. A Leonardo shot whose images are gone when it is collected is
/// charged and failed too (Leonardo bills at create), and not sent again.
/// </summary>
public sealed class ProviderCollectTakeoverTests
{
    public static TheoryData<string> Providers => ["replicate", "leonardo", "astria-faceid"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_shot_whose_status_reads_fail_keeps_its_claim_and_the_next_process_collects_it_and_charges_it_once(string provider)
    {
        await using ProviderTakeoverBed bed = await ProviderTakeoverBed.StartAsync(provider, 31);
        Guid projectId = bed.Cast.Obama.ProjectId;

        // The provider took the shot; its first status read answers 503: no verdict, so the call gives nothing up.
        bed.Rig.FailStatusRead(PassingFault.ServiceUnavailable503);
        ProviderException first = await Assert.ThrowsAnyAsync<ProviderException>(() => bed.ShotAsync(bed.Cast.Workspace));
        Assert.True(first.Retriable, first.Message);
        PaidClaim left = await bed.ClaimAsync();
        Assert.Equal(ClaimState.Submitted, left.State);
        Assert.NotNull(left.ProviderJobId);
        Assert.Equal(ShotStatus.Pending, (await bed.Cast.Workspace.Shots.GetAsync(bed.Cast.Obama.Id, left.SubjectId!.Value)).Status);
        Assert.True((await bed.Cast.Workspace.Ledger.ReadAsync(projectId)).ReservedUsd > 0);
        Assert.Equal(1, bed.Rig.Sent);

        // Another process collects while the status read answers 429, then drops the connection: kept as it stands each time.
        using LikenessWorkspace next = await bed.NextAsync();
        foreach (PassingFault fault in new[] { PassingFault.TooManyRequests429, PassingFault.DropConnection })
        {
            bed.Rig.FailStatusRead(fault);
            ProviderException passing = await Assert.ThrowsAnyAsync<ProviderException>(() => bed.ShotAsync(next));
            Assert.True(passing.Retriable, $"{fault}: {passing.Message}");
            PaidClaim kept = await bed.ClaimAsync();
            Assert.Equal((ClaimState.Submitted, left.ProviderJobId, left.SubjectId), (kept.State, kept.ProviderJobId, kept.SubjectId));
            Assert.True(kept.LeaseUntil <= bed.NextNow, "the claim is released for the next collect");
            Assert.Equal(1, bed.Rig.Sent);
        }

        // The provider answers: the collect stores the shot and charges it once; the provider got one submission.
        ShotOutcome made = await bed.ShotAsync(next);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.Equal(left.SubjectId, made.Shot.Id);
        Assert.True(made.Shot.CostUsd > 0);
        Assert.Equal(1, bed.Rig.Sent);
        await AssertChargedOnceAsync(bed, next, made.Shot, refunds: 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_shot_the_provider_says_failed_is_failed_by_the_collect_and_made_afresh_unless_the_provider_billed_it(string provider)
    {
        await using ProviderTakeoverBed bed = await ProviderTakeoverBed.StartAsync(provider, 32);

        // The provider runs the shot and it fails there; the call that sent it could not read that (a 503) and left it.
        bed.Rig.FailNextJob();
        bed.Rig.FailStatusRead(PassingFault.ServiceUnavailable503);
        await Assert.ThrowsAnyAsync<ProviderException>(() => bed.ShotAsync(bed.Cast.Workspace));
        PaidClaim left = await bed.ClaimAsync();
        Assert.Equal(ClaimState.Submitted, left.State);

        // The next process's collect gets the provider's verdict: failed. Unbilled, it is refunded and the request is sent
        // afresh. Billed (Replicate bills the GPU time a failed prediction ran), the failed shot is the answer, as it was to
        // the call that sent it: charged, and not sent again (ShotRunner, as for a result that expired).
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome made = await bed.ShotAsync(next);
        Shot failed = await next.Shots.GetAsync(bed.Cast.Obama.Id, left.SubjectId!.Value);
        Assert.Equal(ShotStatus.Failed, failed.Status);
        if (bed.Rig.BillsFailedJobs)
        {
            Assert.Equal(failed.Id, made.Shot.Id);
            Assert.NotNull(made.Failure);
            Assert.Equal(1, bed.Rig.Sent);
            Assert.True(failed.CostUsd > 0m, "the billed failure keeps its charge");
            CostLedger ledger = await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
            Assert.Equal((bed.Identity.CostUsd + failed.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
            FalTakeoverBed.AssertReconciled(await next.Doctor.CheckAsync());
            return;
        }

        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.NotEqual(failed.Id, made.Shot.Id);
        Assert.Equal(2, bed.Rig.Sent);
        await AssertChargedOnceAsync(bed, next, made.Shot, refunds: 1);
    }

    [Fact]
    public async Task A_Leonardo_shot_whose_images_are_gone_when_it_is_collected_is_charged_and_failed_and_not_sent_again()
    {
        await using ProviderTakeoverBed bed = await ProviderTakeoverBed.StartAsync("leonardo", 33);
        var rig = (LeonardoRig)bed.Rig;

        // Leonardo took the shot, billing it at create; the call that sent it could not read its status (a 503) and left it.
        rig.FailStatusRead(PassingFault.ServiceUnavailable503);
        await Assert.ThrowsAnyAsync<ProviderException>(() => bed.ShotAsync(bed.Cast.Workspace));
        PaidClaim left = await bed.ClaimAsync();
        Assert.Equal(ClaimState.Submitted, left.State);

        // When the next process collects it, the generation is COMPLETE but its images are gone from Leonardo's host: a
        // call Leonardo ran and billed, so the shot fails charged (nothing refunded), as a result fal no longer keeps.
        rig.Emulator.Options.ImageStatus = 404;
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome outcome = await bed.ShotAsync(next);
        Shot failed = outcome.Shot;
        Assert.Equal((left.SubjectId, ShotStatus.Failed), (failed.Id, failed.Status));
        Assert.StartsWith("The provider's result expired before it was collected: Leonardo ran generation", failed.Error, StringComparison.Ordinal);
        Assert.True(failed.CostUsd > 0m, "the billed failure keeps its charge");
        Assert.Equal(failed.CostUsd, outcome.Failure?.ChargedUsd);
        Assert.Equal(ClaimState.Failed, (await bed.ClaimAsync()).State);
        Assert.Equal(1, bed.Rig.Sent);
        CostLedger ledger = await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((bed.Identity.CostUsd + failed.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using (LikenessDbContext db = next.OpenDb())
        {
            Assert.Equal(0, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        }

        FalTakeoverBed.AssertReconciled(await next.Doctor.CheckAsync());
    }

    /// <summary>Only <paramref name="made"/> is charged (beside the identity's training, if any), nothing stays reserved, the ledger holds <paramref name="refunds"/> refunds, and the books reconcile.</summary>
    private static async Task AssertChargedOnceAsync(ProviderTakeoverBed bed, LikenessWorkspace workspace, Shot made, int refunds)
    {
        CostLedger ledger = await workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((made.CostUsd + bed.Identity.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using LikenessDbContext db = workspace.OpenDb();
        Assert.Equal(refunds, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        FalTakeoverBed.AssertReconciled(await workspace.Doctor.CheckAsync());
    }
}
