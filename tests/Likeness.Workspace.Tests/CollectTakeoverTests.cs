using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;

namespace Likeness.Workspace.Tests;

/// <summary>
/// Collecting a call fal already has (a shot sent by a process that stopped, a training started earlier), against the
/// fal emulator on clocks that stand still: only fal's verdict on the job settles it. A 503, 429 or 502 from fal's
/// status endpoint, or a dropped connection, is no verdict: the claim is kept as it stands (not failed, nothing refunded, never sent again)
/// and released, so a later collect finishes it and charges it once. A job fal says failed is still failed and refunded.
/// </summary>
public sealed class CollectTakeoverTests
{
    // A bound on a call that would otherwise follow fal's standing clock for ever (as a second send would): it fails instead.
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_collect_while_fals_status_endpoint_fails_keeps_the_claim_sends_nothing_and_a_later_collect_charges_it_once()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(11, falTime: falTime);
        PaidClaim left = await bed.StopWhileFollowingAsync();
        Guid projectId = bed.Cast.Obama.ProjectId;

        // The takeovers collect while fal's status endpoint answers 503, then 429 (the client retries nothing here).
        bed.Fal.Faults.Inject(FalFault.ServiceUnavailable503, 1, FalTakeoverBed.RequestRoutes);
        bed.Fal.Faults.Inject(FalFault.TooManyRequests429, 1, FalTakeoverBed.RequestRoutes);
        using LikenessWorkspace next = await bed.NextAsync();
        foreach (int attempts in new[] { 2, 3 })
        {
            FalException passing = await Assert.ThrowsAsync<FalException>(() => bed.ShotAsync(next).WaitAsync(Within));
            Assert.True(passing.Retriable, passing.Message);

            // No verdict: the claim stands as the stopped process left it, released at once for the next collect.
            PaidClaim kept = await bed.Claims.FindAsync(bed.Key) ?? throw new InvalidOperationException("The claim is gone.");
            Assert.Equal((ClaimState.Submitted, left.ProviderJobId, left.SubjectId, attempts), (kept.State, kept.ProviderJobId, kept.SubjectId, kept.Attempts));
            Assert.True(kept.LeaseUntil <= bed.NextNow, "the claim is released for the next collect");
            Assert.Equal(ShotStatus.Pending, (await next.Shots.GetAsync(bed.Cast.Obama.Id, left.SubjectId!.Value)).Status);
            Assert.True((await next.Ledger.ReadAsync(projectId)).ReservedUsd > 0);
            Assert.Equal(1, bed.Sent);
        }

        // The doctor, asking while fal fails once more, leaves it as it stands too.
        bed.Fal.Faults.Inject(FalFault.BadGateway502, 1, FalTakeoverBed.RequestRoutes);
        DoctorReport report = await next.Doctor.RunAsync();
        DoctorAction action = Assert.Single(report.Actions, a => a.Kind == "shot");
        Assert.False(action.Settled);
        Assert.Contains("could not ask fal", action.Outcome, StringComparison.Ordinal);
        Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);

        // So does a doctor whose connection to fal drops: it reports the claim and goes on, it does not abort the run.
        bed.Fal.Faults.Inject(FalFault.DropConnection, 1, FalTakeoverBed.RequestRoutes);
        DoctorAction dropped = Assert.Single((await next.Doctor.RunAsync()).Actions, a => a.Kind == "shot");
        Assert.False(dropped.Settled);
        Assert.Contains("could not ask fal", dropped.Outcome, StringComparison.Ordinal);
        Assert.Equal(ClaimState.Submitted, (await bed.Claims.FindAsync(bed.Key))?.State);

        // fal answers again and the shot is done: the next collect stores it and charges it once; fal got one submission.
        falTime.Advance(TimeSpan.FromSeconds(5));
        ShotOutcome made = await bed.ShotAsync(next);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.Equal(left.SubjectId, made.Shot.Id);
        Assert.Equal(1, bed.Sent);
        Assert.Equal(5, bed.Fal.Faults.Taken);
        await bed.AssertChargedOnceAsync(next, made.Shot, refunds: 0);
    }

    [Fact]
    public async Task A_collect_that_finds_the_shot_failed_at_fal_fails_and_refunds_it_and_the_next_request_is_a_fresh_call()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(12, falTime: falTime);
        PaidClaim left = await bed.StopWhileFollowingAsync();

        // fal ran it and its app crashed: the status says it failed and the result answers 500, fal's verdict on the shot.
        int runs = 0;
        bed.Fal.Options.FailWith = (_, _) => Interlocked.Increment(ref runs) == 1 ? (500, """{"detail":"CUDA out of memory","error_type":"internal_error"}""") : null;
        falTime.Advance(TimeSpan.FromSeconds(5));

        // The takeover settles it (failed, refunded), then makes the request afresh: a second call, which succeeds.
        using LikenessWorkspace next = await bed.NextAsync();
        Task<ShotOutcome> again = bed.ShotAsync(next);
        await Task.WhenAny(again, bed.Fal.SubmittedAsync(2)).WaitAsync(Within);
        Assert.False(again.IsCompleted, again.Exception?.ToString() ?? "the takeover ended before it sent the request afresh");
        falTime.Advance(TimeSpan.FromSeconds(5));
        ShotOutcome made = await again;

        Shot failed = await next.Shots.GetAsync(bed.Cast.Obama.Id, left.SubjectId!.Value);
        Assert.Equal(ShotStatus.Failed, failed.Status);
        Assert.Contains("HTTP 500", failed.Error, StringComparison.Ordinal);
        Assert.Equal(ShotStatus.Succeeded, made.Shot.Status);
        Assert.NotEqual(failed.Id, made.Shot.Id);
        Assert.Equal(2, bed.Sent);
        await bed.AssertChargedOnceAsync(next, made.Shot, refunds: 1);
    }

    [Fact]
    public async Task A_training_fal_cannot_report_on_for_a_while_keeps_its_claim_and_is_collected_and_charged_once_later()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(13, falTime: falTime);
        LikenessWorkspace workspace = bed.Cast.Workspace;
        IdentityModel started = await workspace.Identities.StartAsync(bed.Cast.Obama, "fal", new IdentityCreation { Kind = IdentityModelKind.Trained, IgnoreLint = true });
        Assert.Equal(IdentityModelStatus.Training, started.Status);

        // fal's status endpoint answers 503, then 429: no word on the training, which fal runs on.
        string routes = FalApps.FluxLoraFastTraining + "/requests/";
        bed.Fal.Faults.Inject(FalFault.ServiceUnavailable503, 1, routes);
        bed.Fal.Faults.Inject(FalFault.TooManyRequests429, 1, routes);
        for (int i = 0; i < 2; i++)
        {
            FalException passing = await Assert.ThrowsAsync<FalException>(() => workspace.Identities.AdvanceAsync(started.Id));
            Assert.True(passing.Retriable, passing.Message);
            PaidClaim kept = await bed.Claims.FindBySubjectAsync(started.Id) ?? throw new InvalidOperationException("The training's claim is gone.");
            Assert.Equal(ClaimState.Submitted, kept.State);
            Assert.True(kept.LeaseUntil <= bed.Time.GetUtcNow(), "the claim is released for the next follow");
            Assert.Equal(IdentityModelStatus.Training, (await workspace.Identities.GetAsync(started.Id)).Status);
        }

        // fal answers again and the training is done: it is collected and charged once, having been submitted once.
        falTime.Advance(TimeSpan.FromMinutes(1));
        (IdentityModel model, TrainingProgress? progress) = await workspace.Identities.AdvanceAsync(started.Id);
        Assert.Equal(TrainingStatus.Succeeded, progress?.Status);
        Assert.Equal(IdentityModelStatus.Ready, model.Status);
        Assert.Equal(1, bed.Fal.Submissions(FalApps.FluxLoraFastTraining));
        Assert.Equal(2, bed.Fal.Faults.Taken);
        CostLedger ledger = await workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((model.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        Assert.Equal(ClaimState.Done, (await bed.Claims.FindBySubjectAsync(started.Id))?.State);
    }
}
