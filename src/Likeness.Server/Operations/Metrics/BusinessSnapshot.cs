using Likeness.Core.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Server.Operations.Metrics;

/// <summary>The database's counts behind the business metrics, read at most once per <see cref="MaxAge"/>.</summary>
/// <param name="PaidCalls">Paid calls (claims) by provider, kind and state.</param>
/// <param name="Money">Ledger totals in USD: reserved, committed, and released by refunds (the refunded reservations' amounts).</param>
/// <param name="Jobs">Job records by kind and status.</param>
internal sealed record BusinessSnapshot(
    IReadOnlyList<(string Provider, string Kind, string State, long Count)> PaidCalls,
    IReadOnlyDictionary<LedgerEntryKind, decimal> Money,
    IReadOnlyList<(string Kind, string Status, long Count)> Jobs)
{
    /// <summary>How long one reading serves scrapes: several scrapers (or instruments) share it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads it. Synchronous because metric callbacks are; the amounts are summed here because SQLite keeps decimals as
    /// text. The ledger is read whole (two columns): fine for a scrape every few seconds up to millions of lines.
    /// </summary>
    public static BusinessSnapshot Read(IDbContextFactory<LikenessDbContext> database)
    {
        using LikenessDbContext db = database.CreateDbContext();
        var calls = db.Claims.GroupBy(c => new { c.Provider, c.Kind, c.State }).Select(g => new { g.Key.Provider, g.Key.Kind, g.Key.State, Count = g.LongCount() }).ToList();
        var lines = db.Ledger.Select(e => new { e.Kind, e.ReservationId, e.AmountUsd }).ToList();
        Dictionary<LedgerEntryKind, decimal> money = lines.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Sum(e => e.AmountUsd));

        // A refund line carries no amount: what it released is its reservation's.
        var refunded = lines.Where(e => e.Kind == LedgerEntryKind.Refund).Select(e => e.ReservationId).ToHashSet();
        money[LedgerEntryKind.Refund] = lines.Where(e => e.Kind == LedgerEntryKind.Reserve && refunded.Contains(e.ReservationId)).Sum(e => e.AmountUsd);
        var jobs = db.Jobs.GroupBy(j => new { j.Kind, j.Status }).Select(g => new { g.Key.Kind, g.Key.Status, Count = g.LongCount() }).ToList();
        return new BusinessSnapshot(
            [.. calls.Select(c => (c.Provider, Lower(c.Kind), Lower(c.State), c.Count))],
            money,
            [.. jobs.Select(j => (Lower(j.Kind), Lower(j.Status), j.Count))]);
    }

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
