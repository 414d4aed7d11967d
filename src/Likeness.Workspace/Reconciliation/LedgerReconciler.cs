using Likeness.Core;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Projects;
using Likeness.Core.Providers;
using Likeness.Core.Shots;
using Likeness.Core.Videos;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Identity;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Shots;
using Likeness.Workspace.Videos;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Reconciliation;

/// <summary>
/// <c>likeness doctor</c>: settles what processes that stopped left behind, then checks the books. Each claim
/// whose owner's lease ran out is taken over and settled from what it recorded: a held answer is stored and
/// charged, a recorded training job is asked about once (collected, or refunded when it failed), a call that
/// was never sent (its claim still working: the process stopped before the sending signal, during the reservation or
/// the uploads) or reached the simulator (which ran in the stopped process) is failed and refunded. A provider that
/// cannot be asked now (a 5xx or 429 from its status endpoint, a dropped connection, a refused API key) leaves the claim
/// as it stands for the next run, and so does any other error while one claim is settled (a database failure): that
/// claim is reported, not settled, and the run goes on with the others. Nothing is ever sent to a provider again. Then reservations no claim explains are refunded, and rows left
/// pending are marked failed. The check: per project, the ledger's commits equal the costs of what succeeded,
/// no reservation is open, and the running balance equals a full replay of the ledger.
/// </summary>
public sealed class LedgerReconciler(
    IDbContextFactory<LikenessDbContext> database, ClaimBook claims, LedgerBook ledger, ShotRunner shots, VideoRunner videos, IdentityManager identities, AssetSweeper sweeper, TimeProvider time)
{
    /// <summary>Settles what it can, then checks every project's books.</summary>
    public async Task<DoctorReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var actions = new List<DoctorAction>();
        foreach (PaidClaim row in await claims.ListUnsettledAsync(cancellationToken).ConfigureAwait(false))
        {
            actions.Add(await SettleClaimAsync(row, cancellationToken).ConfigureAwait(false));
        }

        await using (LikenessDbContext db = database.CreateDbContext())
        {
            foreach (Project project in await db.Projects.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                actions.AddRange(await SettleOrphansAsync(project.Id, cancellationToken).ConfigureAwait(false));
            }
        }

        actions.AddRange(await FailLeftPendingAsync(cancellationToken).ConfigureAwait(false));
        SweepReport swept = await sweeper.SweepAsync(AssetSweeper.DefaultGrace, cancellationToken).ConfigureAwait(false);
        if (swept.Files > 0)
        {
            actions.Add(new DoctorAction("files", $"{swept.Files} file(s)", null, $"removed {swept.Files} file(s) ({swept.Bytes} bytes) that no row references from the asset store", Settled: true));
        }

        return new DoctorReport(actions, await CheckAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The check alone, changing nothing: each project's commits, succeeded costs, open reservations and balance.</summary>
    public async Task<IReadOnlyList<ProjectBooks>> CheckAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        var books = new List<ProjectBooks>();
        foreach (Project project in await db.Projects.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            CostLedger replayed = await ledger.ReplayAsync(project.Id, cancellationToken).ConfigureAwait(false);
            CostLedger balance = await ledger.ReadAsync(project.Id, cancellationToken).ConfigureAwait(false);
            int open = (await OpenReservationsAsync(db, project.Id, cancellationToken).ConfigureAwait(false)).Count;
            List<Guid> characters = await db.Characters.Where(c => c.ProjectId == project.Id).Select(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

            // Decimal sums in memory: SQLite keeps decimals as text and would sum them as floating point. A failed shot or
            // video carries a cost only when the provider billed it all the same (a result that expired before it was
            // collected), and a moderated shot was made and charged: both count with what succeeded.
            decimal succeeded =
                (await db.Shots.Where(s => characters.Contains(s.CharacterId) && s.Status != ShotStatus.Pending).Select(s => s.CostUsd).ToListAsync(cancellationToken).ConfigureAwait(false)).Sum()
                + (await db.Videos.Where(v => characters.Contains(v.CharacterId) && v.Status != VideoStatus.Pending).Select(v => v.CostUsd).ToListAsync(cancellationToken).ConfigureAwait(false)).Sum()
                + (await db.IdentityModels.Where(m => characters.Contains(m.CharacterId) && (m.Status == IdentityModelStatus.Ready || m.Status == IdentityModelStatus.Archived)).Select(m => m.CostUsd).ToListAsync(cancellationToken).ConfigureAwait(false)).Sum()
                + (await db.Deletions.Where(d => d.ProjectId == project.Id).Select(d => d.CostUsd).ToListAsync(cancellationToken).ConfigureAwait(false)).Sum();
            bool balanceMatches = balance.CommittedUsd == replayed.CommittedUsd && balance.ReservedUsd == replayed.ReservedUsd;
            books.Add(new ProjectBooks(project.Id, project.Name, replayed.CommittedUsd, succeeded, open, balanceMatches));
        }

        return books;
    }

    private async Task<DoctorAction> SettleClaimAsync(PaidClaim row, CancellationToken cancellationToken)
    {
        string kind = row.Kind.ToString().ToLowerInvariant();
        string subject = row.SubjectId?.ToString() ?? row.Key;
        if (claims.IsLive(row))
        {
            return new DoctorAction(kind, subject, row.Provider, $"in progress at {row.Owner}; left alone", Settled: false);
        }

        ClaimTicket? claim = await claims.TryTakeAsync(row, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return new DoctorAction(kind, subject, row.Provider, "taken over by another process meanwhile; left alone", Settled: false);
        }

        await using (claim)
        {
            try
            {
                string outcome = row.Kind switch
                {
                    ClaimKind.Shot => await shots.ResumeAsync(claim, cancellationToken).ConfigureAwait(false) is { } shot
                        ? Describe(row, shot.Status.ToString(), shot.Error, shot.CostUsd)
                        : Describe(row, null, null, 0),
                    ClaimKind.Video => await videos.ResumeAsync(claim, cancellationToken).ConfigureAwait(false) is { } video
                        ? Describe(row, video.Status.ToString(), video.Error, video.CostUsd)
                        : Describe(row, null, null, 0),
                    _ => await identities.SettleAsync(claim, cancellationToken).ConfigureAwait(false),
                };
                return new DoctorAction(kind, subject, row.Provider, outcome, Settled: claim.State is ClaimState.Done or ClaimState.Failed);
            }
            catch (RuleViolationException ex)
            {
                return new DoctorAction(kind, subject, row.Provider, ex.Message, Settled: false);
            }
            catch (ProviderException ex) when (ex.KeyRefused)
            {
                // Not the provider's word on the job: the key this side sent (never shown) is the problem to fix.
                return new DoctorAction(
                    kind, subject, row.Provider,
                    $"{row.Provider} refused the API key (HTTP {ex.Status}) when asked about job {row.ProviderJobId ?? "(none)"}: the key is missing, wrong, revoked or lacks access. Fix it and run the doctor again; left as it stands, never sent again",
                    Settled: false);
            }
            catch (ProviderException ex)
            {
                // The provider could not be asked now (its verdicts settle the claim above): the claim stays as it stands.
                return new DoctorAction(kind, subject, row.Provider, $"could not ask {row.Provider} about job {row.ProviderJobId ?? "(none)"} now ({ex.Message}); left as it stands for the next collect or doctor run", Settled: false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Anything else (the database failing while it settles, a bug): this claim is reported and the run goes on
                // with the others. Whatever step failed left the claim as it was (each is recorded before the next), and it
                // is released at once for the next run.
                await claims.ReleaseAsync(claim).ConfigureAwait(false);
                return new DoctorAction(kind, subject, row.Provider, $"not settled: {ex.GetType().Name}: {ex.Message}; the claim is kept for the next doctor run", Settled: false)
                {
                    Error = ex.Message,
                };
            }
        }
    }

    private static string Describe(PaidClaim row, string? status, string? error, decimal costUsd) => status switch
    {
        nameof(ShotStatus.Succeeded) => $"collected the provider's answer (job {row.ProviderJobId ?? "none"}), stored it and charged it",
        nameof(ShotStatus.Moderated) => $"collected the provider's answer (job {row.ProviderJobId ?? "none"}), filtered by its moderation: stored and charged",
        null => "its process stopped before its row was saved: nothing was made, anything reserved is refunded",
        _ when costUsd > 0 => $"the provider's verdict, which it billed: {error}; marked failed and charged ${costUsd:F4}, not sent again",
        _ when row.State == ClaimState.Working && row.ProviderJobId is null => "its process stopped before the request was sent (nothing reached the provider): marked failed and refunded",
        _ when row.ProviderJobId is not null => $"the provider's verdict on job {row.ProviderJobId}: {error}; marked failed and refunded",
        _ => "the process making it stopped before the provider answered: marked failed and refunded",
    };

    /// <summary>Reservations no unsettled claim explains (made before claims existed, or left by a claim settled without them): refunded.</summary>
    private async Task<List<DoctorAction>> SettleOrphansAsync(Guid projectId, CancellationToken cancellationToken)
    {
        var actions = new List<DoctorAction>();
        await using LikenessDbContext db = database.CreateDbContext();
        foreach (LedgerEntry reservation in await OpenReservationsAsync(db, projectId, cancellationToken).ConfigureAwait(false))
        {
            if (await claims.FindByReservationAsync(reservation.ReservationId, cancellationToken).ConfigureAwait(false) is { } claim
                && claim.State is not (ClaimState.Done or ClaimState.Failed))
            {
                continue;
            }

            // A training recorded before claims existed is followed from its model, as `identity resume` does.
            if (await db.IdentityModels.AsNoTracking().SingleOrDefaultAsync(m => m.ReservationId == reservation.ReservationId, cancellationToken).ConfigureAwait(false) is { Status: IdentityModelStatus.Training } training)
            {
                IdentityModel resumed = await identities.ResumeAsync(training.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                actions.Add(new DoctorAction("identity", training.Id.ToString(), training.Provider, $"followed its training to the end: {resumed.Status.ToString().ToLowerInvariant()}", Settled: true));
                continue;
            }

            await ledger.RefundAsync(projectId, reservation.ReservationId, cancellationToken).ConfigureAwait(false);
            actions.Add(new DoctorAction("reservation", reservation.ReservationId.ToString(), null, $"\"{reservation.Description}\" (${reservation.AmountUsd:F4}) had no call to pay for: refunded", Settled: true));
        }

        return actions;
    }

    /// <summary>Shots and videos left pending with no live claim: they will never finish, so they say so.</summary>
    private async Task<List<DoctorAction>> FailLeftPendingAsync(CancellationToken cancellationToken)
    {
        var actions = new List<DoctorAction>();
        await using LikenessDbContext db = database.CreateDbContext();
        const string Reason = "left pending by a process that stopped";
        // The claim is checked first and the row read afresh after it: a call that finishes meanwhile (another node's
        // takeover) stores its row and settles its claim in one transaction, so a settled claim means the row read
        // next is final. A row listed as pending before that check may have succeeded since, and must not be failed.
        foreach (Guid id in await db.Shots.Where(s => s.Status == ShotStatus.Pending).Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await IsHeldAsync(id, cancellationToken).ConfigureAwait(false)
                || await db.Shots.SingleAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false) is not { Status: ShotStatus.Pending } shot)
            {
                continue;
            }

            shot.Fail(Reason, null, time);
            actions.Add(new DoctorAction("shot", shot.Id.ToString(), shot.Provider, "left pending with no call in progress: marked failed", Settled: true));
        }

        foreach (Guid id in await db.Videos.Where(v => v.Status == VideoStatus.Pending).Select(v => v.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await IsHeldAsync(id, cancellationToken).ConfigureAwait(false)
                || await db.Videos.SingleAsync(v => v.Id == id, cancellationToken).ConfigureAwait(false) is not { Status: VideoStatus.Pending } video)
            {
                continue;
            }

            video.Fail(Reason, time);
            actions.Add(new DoctorAction("video", video.Id.ToString(), video.Provider, "left pending with no call in progress: marked failed", Settled: true));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return actions;
    }

    private async Task<bool> IsHeldAsync(Guid subjectId, CancellationToken cancellationToken) =>
        await claims.FindBySubjectAsync(subjectId, cancellationToken).ConfigureAwait(false) is { } claim
        && claim.State is not (ClaimState.Done or ClaimState.Failed);

    private static async Task<List<LedgerEntry>> OpenReservationsAsync(LikenessDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        List<LedgerEntry> entries = await db.Ledger.AsNoTracking().Where(e => e.ProjectId == projectId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var closed = entries.Where(e => e.Kind != LedgerEntryKind.Reserve).Select(e => e.ReservationId).ToHashSet();
        return [.. entries.Where(e => e.Kind == LedgerEntryKind.Reserve && !closed.Contains(e.ReservationId))];
    }
}
