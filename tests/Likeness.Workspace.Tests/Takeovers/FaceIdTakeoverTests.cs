using Likeness.Core.Costs;
using Likeness.Core.Shots;
using Likeness.Testing.Emulators.Astria;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests.Takeovers;

/// <summary>
/// An Astria FaceID shot is two POSTs: its FaceID tune (free, found again by its title) and its prompt (paid). Only the
/// prompt raises the sending signal, so a process stopped after Astria made the tune and before the prompt left leaves
/// a working claim (nothing billable sent): a takeover refunds it and sends the shot afresh, once, on the tune Astria
/// already has, and the doctor settles such a claim as never sent, not as an outcome it cannot know.
/// </summary>
public sealed class FaceIdTakeoverTests
{
    [Fact]
    public async Task A_process_stopped_between_the_FaceID_tune_and_its_prompt_leaves_a_working_claim_that_a_takeover_refunds_and_sends_once()
    {
        await using ProviderTakeoverBed bed = await ProviderTakeoverBed.StartAsync("astria-faceid", 41);
        AstriaEmulator astria = ((AstriaRig)bed.Rig).Emulator;
        using var stop = new CancellationTokenSource();
        Task<ShotOutcome> first = await HoldBetweenTuneAndPromptAsync(bed, astria, stop.Token);
        PaidClaim left = await bed.ClaimAsync();
        Assert.Equal((ClaimState.Working, null), (left.State, left.ProviderJobId));
        Assert.NotNull(left.ReservationId);
        Assert.Equal((1, 0), (astria.TuneSubmissions, bed.Rig.Sent));

        // Past its lease another process takes the claim over: nothing billable was sent, so it is refunded and sent
        // afresh, once, on the FaceID tune Astria already has (found by its title, not made again).
        using LikenessWorkspace next = await bed.NextAsync();
        ShotOutcome made = await bed.ShotAsync(next);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.Equal((1, 1), (astria.TuneSubmissions, bed.Rig.Sent));

        // The held process, let go, sends nothing: its claim is no longer its own.
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.Equal((1, 1), (astria.TuneSubmissions, bed.Rig.Sent));

        CostLedger ledger = await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((bed.Identity.CostUsd + made.Shot.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using (LikenessDbContext db = next.OpenDb())
        {
            Assert.Equal(1, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        }

        FalTakeoverBed.AssertReconciled(await next.Doctor.CheckAsync());
    }

    [Fact]
    public async Task The_doctor_settles_a_claim_stopped_between_the_FaceID_tune_and_its_prompt_as_never_sent_and_refunds_it()
    {
        await using ProviderTakeoverBed bed = await ProviderTakeoverBed.StartAsync("astria-faceid", 42);
        AstriaEmulator astria = ((AstriaRig)bed.Rig).Emulator;
        using var stop = new CancellationTokenSource();
        Task<ShotOutcome> first = await HoldBetweenTuneAndPromptAsync(bed, astria, stop.Token);

        // The doctor of another process finds the claim past its lease: nothing billable left, so it is failed and
        // refunded (the next request for the shot sends it), never reported as an outcome it cannot know.
        using LikenessWorkspace next = await bed.NextAsync();
        DoctorReport report = await next.Doctor.RunAsync();
        DoctorAction settled = Assert.Single(report.Actions, a => a.Kind == "shot");
        Assert.True(settled.Settled, settled.Outcome);
        Assert.Contains("stopped before the request was sent", settled.Outcome, StringComparison.Ordinal);
        Assert.Equal(ClaimState.Failed, (await bed.ClaimAsync()).State);
        Assert.Equal(0m, (await next.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => first);
        Assert.Equal(0, bed.Rig.Sent);
    }

    /// <summary>
    /// Starts the shot; Astria makes the FaceID tune and the process stops while its answer is on the way: the state a
    /// kill between the tune and the prompt leaves behind. Returns the held call (cancel <paramref name="stop"/> to end it).
    /// </summary>
    private static async Task<Task<ShotOutcome>> HoldBetweenTuneAndPromptAsync(ProviderTakeoverBed bed, AstriaEmulator astria, CancellationToken stop)
    {
        astria.Faults.Inject(AstriaFault.ProcessedThenHold, 1, "POST", "tunes");
        Task<ShotOutcome> first = bed.Cast.Workspace.Shots.GenerateAsync(bed.Cast.Obama, bed.Identity, bed.Request, cancellationToken: stop);
        await astria.Faults.HeldAsync();
        return first;
    }
}
