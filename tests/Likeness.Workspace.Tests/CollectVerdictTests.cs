using Likeness.Core.Costs;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

/// <summary>
/// What settles a collect and what does not, against the fal emulator on clocks that stand still: a result fal no
/// longer keeps is its verdict on a request it ran and billed (charged, failed, not sent again); a key fal refuses is
/// no word on the job (the claim stands until a collect with a working key settles it); and an error that is not a
/// provider's while the doctor settles one claim is reported and the doctor goes on with the others.
/// </summary>
public sealed class CollectVerdictTests
{
    // A bound on a call that would otherwise follow fal's standing clock for ever (as a second send would): it fails instead.
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_shot_whose_result_expired_before_it_was_collected_is_charged_and_failed_and_not_sent_again()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(31, falTime: falTime);
        PaidClaim left = await bed.StopWhileFollowingAsync();

        // fal ran the shot long ago: its result is gone (fal keeps it 1 h), and fal billed it.
        falTime.Advance(TimeSpan.FromHours(2));
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome outcome = await bed.ShotAsync(next).WaitAsync(Within);

        Shot failed = outcome.Shot;
        Assert.Equal((left.SubjectId, ShotStatus.Failed), (failed.Id, failed.Status));
        Assert.Contains("The provider's result expired before it was collected", failed.Error, StringComparison.Ordinal);
        Assert.True(failed.CostUsd > 0);
        Assert.Equal(failed.CostUsd, outcome.Failure?.ChargedUsd);
        Assert.Equal(1, bed.Sent);
        Assert.Equal(ClaimState.Failed, (await bed.Claims.FindAsync(bed.Key))?.State);

        // Charged what fal billed, refunded nothing, and the books count the billed failure.
        CostLedger ledger = await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((failed.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using (LikenessDbContext db = next.OpenDb())
        {
            Assert.Equal(0, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        }

        FalTakeoverBed.AssertReconciled(await next.Doctor.CheckAsync());
    }

    [Fact]
    public async Task A_collect_fal_refuses_the_key_for_keeps_the_claim_and_a_later_collect_with_a_good_key_settles_it()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(32, falTime: falTime);
        PaidClaim left = await bed.StopWhileFollowingAsync();
        falTime.Advance(TimeSpan.FromSeconds(5));

        // A process whose fal key was rotated collects: fal answers 401, which says nothing about the shot.
        const string WrongKey = "rotated-key-id:0123456789abcdef";
        using (LikenessWorkspace wrong = await bed.NextAsync(WrongKey))
        {
            FalException refused = await Assert.ThrowsAsync<FalException>(() => bed.ShotAsync(wrong).WaitAsync(Within));
            Assert.Equal(401, refused.Status);
            PaidClaim kept = await bed.Claims.FindAsync(bed.Key) ?? throw new InvalidOperationException("The claim is gone.");
            Assert.Equal((ClaimState.Submitted, left.ProviderJobId, left.SubjectId), (kept.State, kept.ProviderJobId, kept.SubjectId));
            Assert.True(kept.LeaseUntil <= bed.NextNow, "the claim is released for the next collect");
            Assert.Equal(ShotStatus.Pending, (await wrong.Shots.GetAsync(bed.Cast.Obama.Id, left.SubjectId!.Value)).Status);
            Assert.True((await wrong.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd > 0);

            // Its doctor says the key is the problem, without the key, and leaves the claim as it stands.
            DoctorAction action = Assert.Single((await wrong.Doctor.RunAsync()).Actions, a => a.Kind == "shot");
            Assert.False(action.Settled);
            Assert.Contains("fal-instant refused the API key (HTTP 401)", action.Outcome, StringComparison.Ordinal);
            Assert.DoesNotContain("rotated-key-id", action.Outcome, StringComparison.Ordinal);
            Assert.DoesNotContain("0123456789abcdef", action.Outcome, StringComparison.Ordinal);
            Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);
        }

        // With the right key the next collect stores the shot and charges it once; fal got one submission.
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome made = await bed.ShotAsync(next).WaitAsync(Within);
        Assert.Equal((left.SubjectId, ShotStatus.Succeeded), (made.Shot.Id, made.Shot.Status));
        Assert.Equal(1, bed.Sent);
        await bed.AssertChargedOnceAsync(next, made.Shot, refunds: 0);
    }

    [Fact]
    public async Task The_doctor_reports_a_claim_an_error_stops_it_settling_keeps_that_claim_and_goes_on_with_the_others()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(33, falTime: falTime);
        PaidClaim stopped = await bed.StopWhileFollowingAsync();

        // A second claim left behind whose held answer cannot be read back: settling it throws, and no provider is involved.
        const string BrokenKey = "shot:broken-held-answer";
        await using (ClaimTicket broken = await bed.Claims.AcquireAsync(BrokenKey, ClaimKind.Shot, bed.Cast.Obama.ProjectId, "fal-instant"))
        {
            await bed.Claims.HoldAnswerAsync(broken, "null", "fal-ai/instant-character#gone", CancellationToken.None);
        }

        falTime.Advance(TimeSpan.FromSeconds(5));
        using LikenessWorkspace next = await bed.NextAsync();
        DoctorReport report = await next.Doctor.RunAsync();

        // The broken claim is reported as not settled with its error; the other one is collected all the same.
        DoctorAction failed = Assert.Single(report.Actions, a => a.Subject == BrokenKey);
        Assert.False(failed.Settled);
        Assert.Contains("is empty", failed.Error, StringComparison.Ordinal);
        Assert.Contains("not settled", failed.Outcome, StringComparison.Ordinal);
        DoctorAction collected = Assert.Single(report.Actions, a => a.Subject == stopped.SubjectId.ToString());
        Assert.True(collected.Settled, collected.Outcome);
        Assert.Equal(ShotStatus.Succeeded, (await next.Shots.GetAsync(bed.Cast.Obama.Id, stopped.SubjectId!.Value)).Status);
        Assert.False(report.Complete);

        // The broken claim is kept as it was, released for the next run.
        PaidClaim kept = await bed.Claims.FindAsync(BrokenKey) ?? throw new InvalidOperationException("The broken claim was lost.");
        Assert.Equal((ClaimState.Answered, "null"), (kept.State, kept.Output));
        Assert.True(kept.LeaseUntil <= bed.NextNow, "the claim is released for the next run");
        Assert.Equal(1, bed.Sent);
    }
}
