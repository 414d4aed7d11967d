using Likeness.Core;
using Likeness.Core.Gates;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Costs;

/// <summary>
/// The cost caps of gated requests, beside the ledger. Before each attempt the gate admits it against the cap with
/// one conditional UPDATE (attempts below the maximum and spent + reserved + estimate within the limit, both
/// raised in the same statement), so the database decides: PostgreSQL re-checks the condition on the row a
/// concurrent writer just committed, SQLite runs one writer at a time. Concurrent requests sharing a cap can
/// therefore never together make more attempts, or reserve more money, than it allows. The attempt's own money
/// still goes through the project's ledger (reserve, commit or refund) as every paid call does.
/// </summary>
public sealed class CostCapBook(IDbContextFactory<LikenessDbContext> database, TimeProvider time)
{
    /// <summary>Sets a new cap for a project.</summary>
    public async Task<CostCap> CreateAsync(Guid projectId, decimal limitUsd, int? maxAttempts, CancellationToken cancellationToken = default)
    {
        CostCap cap = CostCap.Create(projectId, limitUsd, maxAttempts, time);
        await using LikenessDbContext db = database.CreateDbContext();
        db.CostCaps.Add(cap);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return cap;
    }

    /// <summary>The cap as it stands.</summary>
    public async Task<CostCap> GetAsync(Guid capId, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.CostCaps.AsNoTracking().SingleOrDefaultAsync(c => c.Id == capId, cancellationToken).ConfigureAwait(false)
            ?? throw new NotFoundException(EntityKind.CostCap, capId.ToString(), $"No cost cap {capId}.");
    }

    /// <summary>Admits one attempt that may cost up to <paramref name="estimateUsd"/>; false (nothing changed) when the cap would be passed.</summary>
    public async Task<bool> TryAdmitAsync(Guid capId, decimal estimateUsd, CancellationToken cancellationToken = default)
    {
        long estimate = CostCap.ToMicros(estimateUsd, up: true);
        await using LikenessDbContext db = database.CreateDbContext();
        int admitted = await db.CostCaps
            .Where(c => c.Id == capId && (c.MaxAttempts == null || c.Attempts < c.MaxAttempts) && c.SpentMicros + c.ReservedMicros + estimate <= c.LimitMicros)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1).SetProperty(c => c.ReservedMicros, c => c.ReservedMicros + estimate), cancellationToken)
            .ConfigureAwait(false);
        return admitted == 1;
    }

    /// <summary>
    /// Admits attempt number <paramref name="attempt"/> (from 1) of a cap whose attempts one owner makes one after another
    /// and may repeat a step of (a background job): one conditional UPDATE, when this is the next attempt, within the most
    /// attempts, and what the earlier attempts cost (<paramref name="spentUsd"/>, measured by the owner) plus this one's
    /// estimate is within the limit, records that spending and reserves the estimate in place of the last attempt's.
    /// Repeated after a crash or on another node, it finds the attempt admitted and changes nothing. True when the
    /// attempt is admitted (now or before); false (nothing changed) when the cap stops it.
    /// </summary>
    public async Task<bool> TryAdmitInTurnAsync(Guid capId, int attempt, decimal spentUsd, decimal estimateUsd, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        long spent = CostCap.ToMicros(spentUsd, up: true);
        long estimate = CostCap.ToMicros(estimateUsd, up: true);
        long total = spent + estimate;
        int previous = attempt - 1;
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            int admitted = await db.CostCaps
                .Where(c => c.Id == capId && c.Attempts == previous && (c.MaxAttempts == null || c.Attempts < c.MaxAttempts) && total <= c.LimitMicros)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, attempt).SetProperty(c => c.SpentMicros, spent).SetProperty(c => c.ReservedMicros, estimate), cancellationToken)
                .ConfigureAwait(false);
            if (admitted == 1)
            {
                return true;
            }
        }

        return (await GetAsync(capId, cancellationToken).ConfigureAwait(false)).Attempts >= attempt;
    }

    /// <summary>Closes a cap admitted in turns (<see cref="TryAdmitInTurnAsync"/>): what all its attempts cost is spent, nothing stays reserved. Repeating it changes nothing.</summary>
    public async Task<CostCap> CloseInTurnAsync(Guid capId, decimal spentUsd, CancellationToken cancellationToken = default)
    {
        long spent = CostCap.ToMicros(spentUsd, up: true);
        await using (LikenessDbContext db = database.CreateDbContext())
        {
            await db.CostCaps.Where(c => c.Id == capId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.SpentMicros, spent).SetProperty(c => c.ReservedMicros, 0L), cancellationToken)
                .ConfigureAwait(false);
        }

        return await GetAsync(capId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Settles an admitted attempt: its estimate is released and what it actually cost is spent.</summary>
    public async Task SettleAsync(Guid capId, decimal estimateUsd, decimal actualUsd, CancellationToken cancellationToken = default)
    {
        long estimate = CostCap.ToMicros(estimateUsd, up: true);
        long actual = CostCap.ToMicros(actualUsd, up: true);
        await using LikenessDbContext db = database.CreateDbContext();
        await db.CostCaps.Where(c => c.Id == capId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ReservedMicros, c => c.ReservedMicros - estimate).SetProperty(c => c.SpentMicros, c => c.SpentMicros + actual), cancellationToken)
            .ConfigureAwait(false);
    }
}
