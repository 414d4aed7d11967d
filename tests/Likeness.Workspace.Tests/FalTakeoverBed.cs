using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Reconciliation;
using Likeness.Workspace.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The fal emulator, a workspace on a clock that stands still (its claims' leases never renew past it), a ready
/// fal-instant identity and one shot's request and claim key; <see cref="NextAsync"/> opens another "process" on the
/// same database whose clock is past those leases.
/// </summary>
internal sealed record FalTakeoverBed(FalEmulator Fal, ManualTime Time, CastWorkspace Cast, IdentityModel Identity, ShotRequest Request, string Key) : IAsyncDisposable
{
    public static async Task<FalTakeoverBed> StartAsync(long seed, DatabaseKind kind = DatabaseKind.Sqlite, ManualTime? falTime = null)
    {
        FalEmulator fal = await FalEmulator.StartAsync(falTime is null
            ? new FalEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(10), RunDuration = TimeSpan.FromMilliseconds(10) }
            : new FalEmulatorOptions { Time = falTime, QueueDelay = TimeSpan.FromMilliseconds(50), RunDuration = TimeSpan.FromSeconds(2) });
        var time = new ManualTime(DateTimeOffset.UtcNow);
        CastWorkspace cast = await CastWorkspace.CreateAsync(kind, time: time, fal: Client(fal));
        IdentityModel identity = await cast.IdentityAsync(cast.Obama, "fal-instant");
        ShotRequest request = ShotRunnerTests.Request(seed) with { Width = 256, Height = 256 };
        return new FalTakeoverBed(fal, time, cast, identity, request, "shot:" + ShotCacheKey.Compute(identity.Id, identity.Version, identity.Provider, request));
    }

    public ClaimBook Claims => Cast.Workspace.Services.GetRequiredService<ClaimBook>();

    public Task<ShotOutcome> ShotAsync(LikenessWorkspace workspace, CancellationToken cancellationToken = default) =>
        workspace.Shots.GenerateAsync(Cast.Obama, Identity, Request, cancellationToken: cancellationToken);

    /// <summary>What the clock of a process opened by <see cref="NextAsync"/> reads (it stands still too).</summary>
    public DateTimeOffset NextNow => Time.GetUtcNow() + (Cast.Options.ClaimLease * 2);

    /// <summary>Another process past the leases; with <paramref name="falKey"/>, one that asks fal with that key instead of the right one.</summary>
    public Task<LikenessWorkspace> NextAsync(string? falKey = null) =>
        LikenessWorkspace.OpenAsync(Cast.Options, time: new ManualTime(NextNow), fal: Client(Fal, falKey));

    /// <summary>Another process on the same database and clock, for a test to stop mid-call.</summary>
    public Task<LikenessWorkspace> BesideAsync() => LikenessWorkspace.OpenAsync(Cast.Options, time: Time, fal: Client(Fal));

    public int Sent => Fal.Submissions(FalApps.InstantCharacter);

    /// <summary>The path prefix of the shot's fal request routes (status, result, cancel), for faults aimed at a collect.</summary>
    public static string RequestRoutes => FalApps.InstantCharacter + "/requests/";

    /// <summary>
    /// Another process sends the shot, records fal's request id, and stops while asking for its status (held by fal until
    /// its client is disposed under the call): its claim is left submitted with the request id, for a takeover to collect.
    /// </summary>
    public async Task<PaidClaim> StopWhileFollowingAsync()
    {
        Fal.Faults.Inject(FalFault.Hold, 1, RequestRoutes);
        LikenessWorkspace stopping = await BesideAsync();
        Task<ShotOutcome> call = ShotAsync(stopping);
        await Fal.Faults.HeldAsync();
        stopping.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        PaidClaim left = await Claims.FindAsync(Key) ?? throw new InvalidOperationException("The stopped process left no claim.");
        Assert.Equal(ClaimState.Submitted, left.State);
        Assert.NotNull(left.ProviderJobId);
        return left;
    }

    /// <summary>
    /// Asserts the books after <paramref name="made"/>: it alone is charged, nothing stays reserved, the ledger holds
    /// <paramref name="refunds"/> refunds, and every project is reconciled.
    /// </summary>
    public async Task AssertChargedOnceAsync(LikenessWorkspace workspace, Shot made, int refunds)
    {
        CostLedger ledger = await workspace.Ledger.ReadAsync(Cast.Obama.ProjectId);
        Assert.Equal((made.CostUsd, 0m), (ledger.CommittedUsd, ledger.ReservedUsd));
        await using LikenessDbContext db = workspace.OpenDb();
        Assert.Equal(refunds, await db.Ledger.CountAsync(e => e.Kind == LedgerEntryKind.Refund));
        AssertReconciled(await workspace.Doctor.CheckAsync());
    }

    /// <summary>Asserts that every project's books balance (commits equal what succeeded, nothing left reserved).</summary>
    public static void AssertReconciled(IReadOnlyList<ProjectBooks> books) =>
        Assert.All(books, b => Assert.True(b.Reconciled, $"{b.Name}: committed {b.CommittedUsd}, succeeded {b.SucceededUsd}, open {b.OpenReservations}"));

    /// <summary>Waits in real time (at most 30 s) for the claim to meet <paramref name="condition"/>: a call running in the background writes it.</summary>
    public Task ClaimAsync(Func<PaidClaim, bool> condition, string what) =>
        Eventually.HoldsAsync(async () => await Claims.FindAsync(Key) is { } row && condition(row), what, TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await Cast.DisposeAsync();
        await Fal.DisposeAsync();
    }

    private static FalClientOptions Client(FalEmulator fal, string? key = null) => new()
    {
        Key = key ?? fal.Key, QueueUri = fal.QueueUri, SyncUri = fal.SyncUri, RestUri = fal.RestUri, JwksUri = fal.JwksUri,
        PollInterval = TimeSpan.FromMilliseconds(20),
        Http = new HttpPipelineOptions { AttemptTimeout = TimeSpan.FromMinutes(2), Retry = new RetryOptions { MaxRetries = 0 } },
    };
}
