using Likeness.Core.Costs;
using Likeness.Core.Pins;
using Likeness.Core.Videos;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

/// <summary>
/// Kling videos through fal's queue are resumable as shots are, against the fal emulator on clocks that stand still:
/// fal's request id is recorded the moment fal has the request, so a video whose status read fails, or whose process
/// stops, is collected by the takeover or the doctor and charged once, with one submission.
/// </summary>
public sealed class VideoTakeoverTests
{
    // A bound on a call that would otherwise follow fal's standing clock for ever (as a second send would): it fails instead.
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(1);

    // The path prefix of Kling's request routes (status, result, cancel): fal's routes name the owner/app only.
    private const string VideoRoutes = "fal-ai/kling-video/requests/";

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_video_whose_status_read_gets_a_503_is_collected_by_the_takeover_and_charged_once_with_one_submission(DatabaseKind kind)
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(21, kind, falTime);
        Pin pin = await bed.Cast.Workspace.Pins.CreateAsync(bed.Cast.Obama);

        // fal takes the request, then its status endpoint answers 503 (the client retries nothing here): no verdict.
        bed.Fal.Faults.Inject(FalFault.ServiceUnavailable503, 1, VideoRoutes);
        FalException passing = await Assert.ThrowsAsync<FalException>(() => VideoAsync(bed.Cast.Workspace, pin).WaitAsync(Within));
        Assert.True(passing.Retriable, passing.Message);
        PaidClaim left = await VideoClaimAsync(bed);
        Assert.Equal(ClaimState.Submitted, left.State);
        Assert.StartsWith(FalApps.KlingO1ReferenceToVideo + "#", left.ProviderJobId, StringComparison.Ordinal);
        Assert.Equal(VideoStatus.Pending, (await bed.Cast.Workspace.Videos.GetAsync(left.SubjectId!.Value.ToString())).Status);
        Assert.True((await bed.Cast.Workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId)).ReservedUsd > 0);

        // fal finishes it; the same request made again (another process, past the lease) collects it instead of sending it.
        falTime.Advance(TimeSpan.FromSeconds(5));
        using LikenessWorkspace next = await bed.NextAsync();
        Video made = await VideoAsync(next, pin).WaitAsync(Within);

        Assert.Equal(VideoStatus.Succeeded, made.Status);
        Assert.Equal(left.SubjectId, made.Id);
        Assert.Equal(1, bed.Fal.Submissions(FalApps.KlingO1ReferenceToVideo));
        await AssertChargedOnceAsync(bed, next, made);
    }

    [Fact]
    public async Task A_video_cut_off_after_submission_is_collected_by_the_doctor_and_charged_once()
    {
        var falTime = new ManualTime(DateTimeOffset.UtcNow);
        await using FalTakeoverBed bed = await FalTakeoverBed.StartAsync(22, falTime: falTime);
        Pin pin = await bed.Cast.Workspace.Pins.CreateAsync(bed.Cast.Obama);

        // Another process sends the video and stops while it asks fal for the status (held until its client is disposed).
        bed.Fal.Faults.Inject(FalFault.Hold, 1, VideoRoutes);
        LikenessWorkspace stopping = await bed.BesideAsync();
        Task<Video> call = VideoAsync(stopping, pin);
        await bed.Fal.Faults.HeldAsync();
        stopping.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        PaidClaim left = await VideoClaimAsync(bed);
        Assert.Equal(ClaimState.Submitted, left.State);
        Assert.NotNull(left.ProviderJobId);

        // fal finishes it; the doctor collects it from the recorded request.
        falTime.Advance(TimeSpan.FromSeconds(5));
        using LikenessWorkspace next = await bed.NextAsync();
        DoctorReport report = await next.Doctor.RunAsync();
        DoctorAction action = Assert.Single(report.Actions, a => a.Kind == "video");
        Assert.True(action.Settled, action.Outcome);
        Assert.Contains("collected the provider's answer", action.Outcome, StringComparison.Ordinal);

        Video made = await next.Videos.GetAsync(left.SubjectId!.Value.ToString());
        Assert.Equal(VideoStatus.Succeeded, made.Status);
        Assert.NotNull(made.AssetSha256);
        Assert.Equal(1, bed.Fal.Submissions(FalApps.KlingO1ReferenceToVideo));
        Assert.Equal(ClaimState.Done, (await VideoClaimAsync(bed)).State);
        await AssertChargedOnceAsync(bed, next, made);
    }

    private static Task<Video> VideoAsync(LikenessWorkspace workspace, Pin pin) =>
        workspace.Videos.GenerateAsync(pin, "fal", "turns to the camera and smiles", durationSeconds: 5);

    private static async Task<PaidClaim> VideoClaimAsync(FalTakeoverBed bed)
    {
        await using LikenessDbContext db = bed.Cast.Workspace.OpenDb();
        return await db.Claims.AsNoTracking().SingleAsync(c => c.Kind == ClaimKind.Video);
    }

    /// <summary>The video alone is charged (Kling's price for its seconds), nothing stays reserved or is refunded, and the books reconcile.</summary>
    private static async Task AssertChargedOnceAsync(FalTakeoverBed bed, LikenessWorkspace workspace, Video made)
    {
        Assert.Equal(0.112m * 5, made.CostUsd);
        CostLedger ledger = await workspace.Ledger.ReadAsync(bed.Cast.Obama.ProjectId);
        Assert.Equal((made.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using LikenessDbContext db = workspace.OpenDb();
        Assert.Equal(0, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        FalTakeoverBed.AssertReconciled(await workspace.Doctor.CheckAsync());
    }
}
