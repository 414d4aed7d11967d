using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Likeness.Core.Providers;
using Likeness.Workspace.Credits;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Likeness.Workspace.Alerts;

/// <summary>
/// Records spending alerts in the transaction of the charge that reaches a threshold
/// (<see cref="AlertOptions.Thresholds"/>), once per threshold per period: for a budget, per budget amount
/// (a new budget arms them again); for credits, per credit period; and an alert on a price-table change. Also the
/// outbox the webhook delivery drains.
/// </summary>
public sealed class AlertBook(IDbContextFactory<LikenessDbContext> database, IOptions<AlertOptions> options, TimeProvider time)
{
    /// <summary>The project's newest <paramref name="limit"/> alerts, newest first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(Guid projectId, int limit, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        return await db.Alerts.AsNoTracking().Where(a => a.ProjectId == projectId).OrderByDescending(a => a.Id).Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Alerts not yet delivered whose next attempt is due, oldest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<Alert>> DueAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        DateTimeOffset now = time.GetUtcNow();
        // Times are compared here, not in SQL: SQLite stores them as text.
        List<Alert> pending = await db.Alerts.AsNoTracking().Where(a => a.DeliveredAt == null).OrderBy(a => a.Id).Take(limit * 4)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. pending.Where(a => a.NextAttemptAt is null || a.NextAttemptAt <= now).Take(limit)];
    }

    /// <summary>Records the outcome of one delivery attempt: delivered, or failed with the wait before the next.</summary>
    public async Task RecordAttemptAsync(Guid alertId, string? error, TimeSpan backoff, CancellationToken cancellationToken = default)
    {
        await using LikenessDbContext db = database.CreateDbContext();
        Alert alert = await db.Alerts.SingleAsync(a => a.Id == alertId, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            alert.Delivered(time.GetUtcNow());
        }
        else
        {
            alert.Failed(error, time.GetUtcNow(), backoff);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds the budget alerts the project's committed total reaches (unsaved, in the ledger's transaction).</summary>
    internal Task CheckBudgetAsync(LikenessDbContext db, Guid projectId, decimal? budgetUsd, decimal committedUsd, CancellationToken cancellationToken) =>
        budgetUsd is { } budget and > 0
            ? CheckAsync(db, projectId, "budget", null, committedUsd, budget, $"budget:{projectId:N}:{Invariant(budget)}", "of the project's budget", cancellationToken)
            : Task.CompletedTask;

    /// <summary>Adds the credit alerts a member's use this period reaches (unsaved, in the ledger's transaction).</summary>
    internal Task CheckCreditsAsync(LikenessDbContext db, MemberCredit credit, CancellationToken cancellationToken) =>
        credit.AllowanceUsd is { } allowance and > 0
            ? CheckAsync(
                db, credit.ProjectId, "credits", credit.UserId, credit.UsedUsd, allowance,
                $"credits:{credit.ProjectId:N}:{credit.UserId:N}:{Invariant(allowance)}:{credit.LastReset.UtcDateTime:yyyy-MM-dd}", "of a member's credits this period", cancellationToken)
            : Task.CompletedTask;

    /// <summary>
    /// Compares the price table in force with the one last seen: on a change, records it and adds a <c>prices</c> alert
    /// (the lines that changed) to every project, once per table; the first table seen is only recorded. Returns
    /// how many alerts were added.
    /// </summary>
    public async Task<int> CheckPricesAsync(IEnumerable<ProviderDescriptor> providers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(providers);
        string lines = string.Join('\n', providers.OrderBy(p => p.Name, StringComparer.Ordinal)
            .SelectMany(p => p.Prices.Prices.OrderBy(l => l.App, StringComparer.Ordinal).Select(l => $"{p.Name} {l.App} {l.Unit.ToString().ToLowerInvariant()} {Invariant(l.Usd)}")));
        string fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines)));
        await using LikenessDbContext db = database.CreateDbContext();
        PriceSnapshot? last = await db.PriceSnapshots.AsNoTracking().OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (last?.Fingerprint == fingerprint)
        {
            return 0;
        }

        DateTimeOffset now = time.GetUtcNow();
        db.PriceSnapshots.Add(PriceSnapshot.Create(fingerprint, lines, now));
        int added = 0;
        if (last is not null)
        {
            HashSet<string> before = [.. last.Lines.Split('\n')];
            HashSet<string> after = [.. lines.Split('\n')];
            string change = string.Join("; ", before.Except(after).Select(l => "was " + l).Concat(after.Except(before).Select(l => "now " + l)));
            string message = $"The price table changed: {change}";
            foreach (Guid projectId in await db.Projects.Select(p => p.Id).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                db.Alerts.Add(Alert.Create(projectId, "prices", null, 0, 0, 0, $"prices:{projectId:N}:{fingerprint}", message.Length > 1000 ? message[..997] + "..." : message, now));
                added++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return added;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another node starting at the same time recorded the same table (and its alerts) first.
            return 0;
        }
    }

    private async Task CheckAsync(
        LikenessDbContext db, Guid projectId, string kind, Guid? userId, decimal used, decimal limit, string keyPrefix, string what, CancellationToken cancellationToken)
    {
        var reached = options.Value.EffectiveThresholds.Where(t => used >= limit * t / 100m).Select(t => (Threshold: t, Key: $"{keyPrefix}:{t}")).ToList();
        if (reached.Count == 0)
        {
            return;
        }

        List<string> keys = [.. reached.Select(r => r.Key)];
        HashSet<string> recorded = [.. await db.Alerts.Where(a => keys.Contains(a.Key)).Select(a => a.Key).ToListAsync(cancellationToken).ConfigureAwait(false)];
        DateTimeOffset now = time.GetUtcNow();
        foreach ((int threshold, string key) in reached.Where(r => !recorded.Contains(r.Key)))
        {
            db.Alerts.Add(Alert.Create(
                projectId, kind, userId, threshold, used, limit, key,
                $"{threshold} % {what} is used: {Invariant(used)} of {Invariant(limit)} USD.", now));
        }
    }

    private static string Invariant(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
