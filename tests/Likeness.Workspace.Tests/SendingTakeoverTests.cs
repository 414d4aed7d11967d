using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The claim of a paid call is marked submitted only when its request goes on the wire (the transport's sending
/// signal), against the fal emulator: a process stopped during fal's storage uploads leaves a working claim with its
/// reservation, which a takeover refunds and sends afresh, once; a process stopped once fal has the request leaves a
/// submitted claim, which a takeover collects from the recorded request and never sends again.
/// </summary>
public sealed class SendingTakeoverTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_process_stopped_during_fals_uploads_leaves_a_working_claim_that_a_takeover_refunds_and_sends_once(DatabaseKind kind)
    {
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(5, kind);

        // The first process is held in its upload to fal's storage: the state a kill there leaves behind.
        bed.Fal.Faults.Inject(FalFault.Hold, 1, "storage/");
        using var stop = new CancellationTokenSource();
        Task<ShotOutcome> first = bed.ShotAsync(bed.Cast.Workspace, stop.Token);
        await bed.Fal.Faults.HeldAsync();
        PaidClaim? left = await bed.Claims.FindAsync(bed.Key);
        Assert.Equal(ClaimState.Working, left?.State);
        Assert.NotNull(left?.ReservationId);
        Assert.True((await bed.Cast.Workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd > 0);
        Assert.Equal(0, bed.Sent);

        // Past its lease another process takes the claim over: it was never sent, so it is refunded and sent afresh, once.
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome made = await bed.ShotAsync(next);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.Equal(1, bed.Sent);

        // The held process, let go, sends nothing: its claim is no longer its own.
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.Equal(1, bed.Sent);

        await bed.AssertChargedOnceAsync(next, made.Shot, refunds: 1);
    }

    [Fact]
    public async Task A_process_stopped_once_fal_has_the_request_leaves_a_submitted_claim_whose_takeover_collects_it_without_sending_again()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(6, falTime: falTime);

        // fal has the request (its clock stands still, so it stays queued): the claim was marked before the request left.
        Task<ShotOutcome> first = bed.ShotAsync(bed.Cast.Workspace);
        await bed.Fal.SubmittedAsync(1);
        Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);
        await bed.ClaimAsync(c => c.ProviderJobId is not null, "the request id recorded on the claim");

        // Past its lease another process takes it over and follows the recorded request; then fal finishes it.
        using LikenessWorkspace next = await bed.NextAsync();
        Task<ShotOutcome> takeover = bed.ShotAsync(next);
        await bed.ClaimAsync(c => c.Attempts == 2, "the takeover");
        falTime.Advance(TimeSpan.FromSeconds(5));
        ShotOutcome collected = await takeover;
        Assert.Equal(ShotStatus.Succeeded, collected.Shot.Status);
        Assert.Equal(1, bed.Sent);

        // The first process, whose claim was taken, cannot settle it: it fails without a second call or charge.
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.Equal(1, bed.Sent);
        FalTakeoverBed.AssertReconciled(await next.Doctor.CheckAsync());
    }

    [Fact]
    public async Task A_process_stopped_while_fal_holds_its_submissions_answer_leaves_it_submitted_and_the_takeover_does_not_send_it_again()
    {
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(9);

        // fal has read the submission and not answered yet when the process stops: its fal client is disposed under the call.
        bed.Fal.Faults.Inject(FalFault.Hold, 1, FalApps.InstantCharacter);
        LikenessWorkspace stopping = await bed.BesideAsync();
        Task<ShotOutcome> first = bed.ShotAsync(stopping);
        await bed.Fal.Faults.HeldAsync();
        stopping.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);

        // Whether fal queued it is unknown and no request id was recorded: the takeover reports it, it does not send it.
        using LikenessWorkspace next = await bed.NextAsync();
        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => bed.ShotAsync(next));
        Assert.Contains("not sent again", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Sent);
        Assert.True((await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd > 0);
    }

    [Fact]
    public async Task A_process_stopped_while_fal_holds_its_training_submissions_answer_leaves_it_submitted_and_a_restart_does_not_train_again()
    {
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(10);
        var creation = new IdentityCreation { Kind = IdentityModelKind.Trained, IgnoreLint = true };

        // As above for a training: fal has read its submission and not answered when the process stops.
        bed.Fal.Faults.Inject(FalFault.Hold, 1, FalApps.FluxLoraFastTraining);
        LikenessWorkspace stopping = await bed.BesideAsync();
        Task<IdentityModel> first = stopping.Identities.StartAsync(bed.Cast.Obama, "fal", creation);
        await bed.Fal.Faults.HeldAsync();
        stopping.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => first);

        using LikenessWorkspace next = await bed.NextAsync();
        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => next.Identities.StartAsync(bed.Cast.Obama, "fal", creation));
        Assert.Contains("not sent again", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, bed.Fal.Submissions(FalApps.FluxLoraFastTraining));
    }

    [Fact]
    public async Task A_submitted_claim_without_a_recorded_request_is_never_sent_again_and_its_reservation_waits_for_an_operator()
    {
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(7);

        // A process reserved, raised the sending signal (its request about to leave) and died before fal answered.
        PaidCall paid = bed.Cast.Workspace.Services.GetRequiredService<PaidCall>();
        ClaimTicket claim = await paid.Claims.AcquireAsync(bed.Key, ClaimKind.Shot, bed.Cast.Obama.ProjectId, bed.Identity.Provider);
        await paid.ReserveAsync(claim, null, 0.05m, "shot that was sent and never answered", null, CancellationToken.None);
        Assert.Equal(ClaimState.Working, claim.State);
        using (paid.Sending(claim))
        {
            await SubmissionWatch.SendingAsync(CancellationToken.None);
        }

        await claim.DisposeAsync();
        Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);

        // The takeover cannot tell "never reached fal" from "answer lost": it refuses to send, and the doctor leaves it open.
        using LikenessWorkspace next = await bed.NextAsync();
        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => bed.ShotAsync(next));
        Assert.Contains("not sent again", refused.Message, StringComparison.Ordinal);
        DoctorReport report = await next.Doctor.RunAsync();
        Assert.False(report.Reconciled);
        Assert.Equal(0, bed.Sent);
        Assert.Equal(0.05m, (await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd);
    }

    [Fact]
    public async Task An_upload_that_fails_refunds_the_reservation_and_fails_the_claim_so_the_next_request_sends_it()
    {
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(8);
        bed.Fal.Faults.Inject(FalFault.InternalError500, 1, "storage/");

        ShotOutcome failed = await bed.ShotAsync(bed.Cast.Workspace);
        Assert.Equal(ShotStatus.Failed, failed.Shot.Status);
        Assert.NotNull(failed.Failure);
        Assert.Equal(0, bed.Sent);
        CostLedger ledger = await bed.Cast.Workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((0m, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        Assert.Equal(ClaimState.Failed, (await bed.Claims.FindAsync(bed.Key))?.State);

        ShotOutcome made = await bed.ShotAsync(bed.Cast.Workspace);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.Equal(1, bed.Sent);
        FalTakeoverBed.AssertReconciled(await bed.Cast.Workspace.Doctor.CheckAsync());
    }
}
