using Likeness.Core.Providers;
using Likeness.Core;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace.Claims;

/// <summary>
/// Claims paid calls in the database so that one request, however many processes or nodes make it at once, is
/// paid once. A claim is a unique row; its owner renews a lease on the <see cref="TimeProvider"/> while it works
/// and records each step (reservation, job id, answer, done). Others wait for it (bounded), reuse its result, or
/// take it over when the lease has run out. Every write after the insert matches the claim's token, so an owner
/// that lost its claim to a takeover cannot overwrite the new owner's record.
/// </summary>
public sealed class ClaimBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time, IOptions<WorkspaceOptions> options, ILogger<ClaimBook> log)
{
    private readonly ILogger _log = log;
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private TimeSpan Lease => options.Value.ClaimLease;

    /// <summary>
    /// Claims <paramref name="key"/>: holds it when nobody has (or its last attempt failed, or its owner died),
    /// returns it settled when it is done, and otherwise waits for its owner, at most the configured wait.
    /// </summary>
    public async Task<ClaimTicket> AcquireAsync(string key, ClaimKind kind, Guid projectId, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        DateTimeOffset deadline = time.GetUtcNow() + options.Value.ClaimWait;
        while (true)
        {
            PaidClaim? row = await FindAsync(key, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                PaidClaim claim = PaidClaim.Create(key, kind, projectId, provider, _owner, time.GetUtcNow(), Lease);
                if (await TryInsertAsync(claim, cancellationToken).ConfigureAwait(false))
                {
                    return Held(claim, resumed: false);
                }

                continue;
            }

            if (row.State == ClaimState.Done)
            {
                return new ClaimTicket(row, held: false, resumed: false, renew: null);
            }

            if (row.State == ClaimState.Failed || !IsLive(row))
            {
                if (await TryTakeAsync(row, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    return taken;
                }

                continue;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(
                    $"Another process has been making this {kind.ToString().ToLowerInvariant()} at {provider} for longer than {options.Value.ClaimWait}; it was not sent a second time. Try again later, or run `likeness doctor`.");
            }

            await Task.Delay(options.Value.ClaimPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes over a claim whose last attempt failed (a fresh attempt: what it recorded is cleared) or whose owner's
    /// lease ran out (resumed: what it recorded is kept); null when another process took it first.
    /// </summary>
    public async Task<ClaimTicket?> TryTakeAsync(PaidClaim row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        bool fresh = row.State == ClaimState.Failed;
        Guid token = Guid.NewGuid();
        DateTimeOffset now = time.GetUtcNow();
        await using LikenessDbContext db = database.CreateDbContext();
        int taken = await db.Claims.Where(c => c.Id == row.Id && c.Token == row.Token).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(c => c.Token, token).SetProperty(c => c.Owner, _owner).SetProperty(c => c.LeaseUntil, now + Lease)
                .SetProperty(c => c.Attempts, c => c.Attempts + 1).SetProperty(c => c.UpdatedAt, now);
            if (fresh)
            {
                s.SetProperty(c => c.State, ClaimState.Working).SetProperty(c => c.SubjectId, (Guid?)null).SetProperty(c => c.ReservationId, (Guid?)null)
                    .SetProperty(c => c.ProviderJobId, (string?)null).SetProperty(c => c.Output, (string?)null).SetProperty(c => c.Error, (string?)null);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (taken == 0)
        {
            return null;
        }

        PaidClaim now_ = await db.Claims.AsNoTracking().SingleAsync(c => c.Id == row.Id, cancellationToken).ConfigureAwait(false);
        if (!fresh)
        {
            WorkspaceLog.ClaimTakenOver(_log, row.Key, row.Owner, row.State);
        }

        return Held(now_, resumed: !fresh);
    }

    /// <summary>Claims that are neither done nor failed (in progress, or left behind by a process that died).</summary>
    public async Task<IReadOnlyList<PaidClaim>> ListUnsettledAsync(CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Claims.AsNoTracking().Where(c => c.State != ClaimState.Done && c.State != ClaimState.Failed).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The claim that holds <paramref name="reservationId"/>, if any.</summary>
    public async Task<PaidClaim?> FindByReservationAsync(Guid reservationId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.ReservationId == reservationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The claim whose subject is <paramref name="subjectId"/>, if any.</summary>
    public async Task<PaidClaim?> FindBySubjectAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Claims.AsNoTracking().FirstOrDefaultAsync(c => c.SubjectId == subjectId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether a claim's owner may still be working on it: within its lease, and (when it ran on this machine) its
    /// process still there. A process that was killed is known at once on its own machine; elsewhere the lease says.
    /// </summary>
    public bool IsLive(PaidClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.LeaseUntil > time.GetUtcNow() && !OwnerGone(claim.Owner);
    }

    /// <summary>
    /// True when <paramref name="owner"/> ("machine/pid/instance") ran on this machine and no process has its id now.
    /// A reused id only makes the owner look alive, which leaves the decision to the lease: never a takeover too early.
    /// </summary>
    internal static bool OwnerGone(string owner)
    {
        string[] parts = owner.Split('/');
        if (parts.Length < 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out int pid) || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Inside the caller's transaction that saved the subject row: points the claim at it (and settles it when <paramref name="done"/>).</summary>
    internal async Task SetSubjectInAsync(LikenessDbContext db, ClaimTicket ticket, Guid subjectId, bool done, CancellationToken cancellationToken)
    {
        ClaimState state = done ? ClaimState.Done : ticket.State;
        await UpdateAsync(db, ticket, s => s.SetProperty(c => c.SubjectId, subjectId).SetProperty(c => c.State, state), cancellationToken).ConfigureAwait(false);
        ticket.SubjectId = subjectId;
        ticket.State = state;
    }

    /// <summary>
    /// Inside the caller's transaction that reserved the money: the claim records the reservation and stays
    /// <see cref="ClaimState.Working"/>, since nothing is sent yet (<see cref="MarkSentAsync"/> comes right before).
    /// </summary>
    internal async Task ReserveInAsync(LikenessDbContext db, ClaimTicket ticket, Guid? subjectId, Guid reservationId, CancellationToken cancellationToken)
    {
        await UpdateAsync(db, ticket, s => s.SetProperty(c => c.ReservationId, reservationId).SetProperty(c => c.SubjectId, subjectId), cancellationToken).ConfigureAwait(false);
        ticket.ReservationId = reservationId;
        ticket.SubjectId = subjectId;
    }

    /// <summary>
    /// The request is about to go on the wire (the transport's sending signal, <see cref="Core.Providers.SubmissionWatch"/>):
    /// marks the claim <see cref="ClaimState.Submitted"/>, durably, before it leaves. From then on a takeover cannot tell
    /// whether the provider got it, so it never sends it again. A claim lost to a takeover throws here, and nothing is sent.
    /// </summary>
    internal async Task MarkSentAsync(ClaimTicket ticket, CancellationToken cancellationToken)
    {
        if (ticket.State != ClaimState.Working)
        {
            return;
        }

        await UpdateAsync(ticket, s => s.SetProperty(c => c.State, ClaimState.Submitted), cancellationToken).ConfigureAwait(false);
        ticket.State = ClaimState.Submitted;
    }

    /// <summary>Records the provider's job id the moment it exists (proof that the request was sent: the claim is submitted).</summary>
    internal Task RecordJobAsync(ClaimTicket ticket, string jobId, CancellationToken cancellationToken)
    {
        ticket.ProviderJobId = jobId;
        ClaimState state = ticket.State == ClaimState.Working ? ClaimState.Submitted : ticket.State;
        ticket.State = state;
        return UpdateAsync(ticket, s => s.SetProperty(c => c.ProviderJobId, jobId).SetProperty(c => c.State, state), cancellationToken);
    }

    /// <summary>Holds the provider's answer in the claim, so that a failure before it is stored can still collect it.</summary>
    internal Task HoldAnswerAsync(ClaimTicket ticket, string output, string? jobId, CancellationToken cancellationToken)
    {
        ticket.State = ClaimState.Answered;
        ticket.Output = output;
        ticket.ProviderJobId = jobId ?? ticket.ProviderJobId;
        string? recorded = ticket.ProviderJobId;
        return UpdateAsync(ticket, s => s.SetProperty(c => c.State, ClaimState.Answered).SetProperty(c => c.Output, output).SetProperty(c => c.ProviderJobId, recorded), cancellationToken);
    }

    /// <summary>Inside the caller's transaction that stored and charged the result: done, the answer no longer held.</summary>
    internal async Task CompleteInAsync(LikenessDbContext db, ClaimTicket ticket, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await UpdateAsync(db, ticket, s => s.SetProperty(c => c.State, ClaimState.Done).SetProperty(c => c.Output, (string?)null).SetProperty(c => c.LeaseUntil, now), cancellationToken).ConfigureAwait(false);
        ticket.State = ClaimState.Done;
    }

    /// <summary>Failed and refunded: the next identical request may try again.</summary>
    internal async Task FailAsync(ClaimTicket ticket, string reason, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await FailInAsync(db, ticket, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fails the claim inside the caller's transaction (see <see cref="FailAsync"/>).</summary>
    internal async Task FailInAsync(LikenessDbContext db, ClaimTicket ticket, string reason, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        await UpdateAsync(db, ticket, s => s.SetProperty(c => c.State, ClaimState.Failed).SetProperty(c => c.Error, reason).SetProperty(c => c.Output, (string?)null).SetProperty(c => c.LeaseUntil, now), cancellationToken).ConfigureAwait(false);
        ticket.State = ClaimState.Failed;
    }

    /// <summary>
    /// After <paramref name="error"/> stopped a held claim before anything was reserved or sent: fails it, so the next
    /// identical request claims it at once instead of waiting out the lease.
    /// </summary>
    internal async Task FailIfUnsentAsync(ClaimTicket ticket, Exception error)
    {
        if (!ticket.IsHeld || ticket.State != ClaimState.Working)
        {
            return;
        }

        try
        {
            await FailAsync(ticket, error is OperationCanceledException ? "cancelled" : error.Message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The original error is the one to report; the lease then simply runs out.
            WorkspaceLog.ClaimNotReleased(_log, ticket.Key, ex.Message);
        }
    }

    /// <summary>Gives up the lease at once (this process cannot finish), so a re-run or <c>likeness doctor</c> takes over now.</summary>
    internal async Task ReleaseAsync(ClaimTicket ticket)
    {
        DateTimeOffset now = time.GetUtcNow();
        try
        {
            await UpdateAsync(ticket, s => s.SetProperty(c => c.LeaseUntil, now), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease then simply runs out.
            WorkspaceLog.ClaimNotReleased(_log, ticket.Key, ex.Message);
        }
    }

    /// <summary>
    /// A sent call whose outcome <paramref name="error"/> left unknown (the process broke off, or the provider could not
    /// be asked about the job it took): the provider may still finish and bill it, so the claim keeps what it recorded,
    /// is said in the log and is released at once for the next collect (a re-run, another node, a job's next firing or
    /// <c>likeness doctor</c>). Never failed: that would free the call for a second send.
    /// </summary>
    internal async Task DeferAsync(ClaimTicket ticket, Exception error)
    {
        await ReleaseAsync(ticket).ConfigureAwait(false);
        if (error is ProviderException { KeyRefused: true } refused)
        {
            // Said apart: a person has to fix the key before any collect can settle it (the key itself is never logged).
            WorkspaceLog.CollectKeyRefused(_log, ticket.Key, ticket.Provider, ticket.ProviderJobId ?? "not recorded", refused.Status);
            return;
        }

        WorkspaceLog.CollectDeferred(_log, ticket.Key, ticket.Provider, ticket.ProviderJobId ?? "not recorded", error.GetType().Name, error.Message);
    }

    private ClaimTicket Held(PaidClaim row, bool resumed) => new(row, held: true, resumed, RenewAsync);

    private async Task RenewAsync(ClaimTicket ticket, CancellationToken stop)
    {
        TimeSpan every = Lease / 3;
        while (true)
        {
            await Task.Delay(every, time, stop).ConfigureAwait(false);
            try
            {
                DateTimeOffset until = time.GetUtcNow() + Lease;
                await UpdateAsync(ticket, s => s.SetProperty(c => c.LeaseUntil, until), stop).ConfigureAwait(false);
            }
            catch (RuleViolationException ex)
            {
                // Taken over: stop renewing; this process's next write will fail the same way.
                WorkspaceLog.ClaimNotRenewed(_log, ticket.Key, ex.Message);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup: the lease is long enough for the next try.
                WorkspaceLog.ClaimNotRenewed(_log, ticket.Key, ex.Message);
            }
        }
    }

    private async Task UpdateAsync(ClaimTicket ticket, Action<UpdateSettersBuilder<PaidClaim>> set, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        await UpdateAsync(db, ticket, set, cancellationToken).ConfigureAwait(false);
    }

    private async Task UpdateAsync(LikenessDbContext db, ClaimTicket ticket, Action<UpdateSettersBuilder<PaidClaim>> set, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        int changed = await db.Claims.Where(c => c.Id == ticket.Id && c.Token == ticket.Token).ExecuteUpdateAsync(s =>
        {
            set(s);
            s.SetProperty(c => c.UpdatedAt, now);
        }, cancellationToken).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new RuleViolationException($"This process no longer holds the claim on {ticket.Key}: its lease ran out and another process took it over.");
        }
    }

    /// <summary>The claim on <paramref name="key"/>, if any.</summary>
    public async Task<PaidClaim?> FindAsync(string key, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts the claim; false when another process inserted the same key first (the unique index says so).</summary>
    private async Task<bool> TryInsertAsync(PaidClaim claim, CancellationToken cancellationToken)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        db.Claims.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await FindAsync(claim.Key, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            return false;
        }
    }
}
