using System.Diagnostics.Metrics;
using Likeness.Core.Costs;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Server.Operations.Metrics;

/// <summary>
/// The business metrics (meter <see cref="MeterName"/>): paid calls by provider, kind and state; money reserved,
/// committed and refunded (ledger totals); jobs by kind and status. They are read from the database when scraped, so
/// they are exact, survive restarts, and every node of a cluster reports the same cluster-wide values (sum one node's,
/// not all). Request durations come from ASP.NET Core's own meter (<c>http.server.request.duration</c>).
/// </summary>
internal sealed class LikenessMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Likeness";

    private readonly IDbContextFactory<LikenessDbContext> _database;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private BusinessSnapshot? _snapshot;
    private DateTimeOffset _readAt;

    public LikenessMetrics(IMeterFactory meters, IDbContextFactory<LikenessDbContext> database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _database = database;
        _time = time;
        Meter meter = meters.Create(MeterName);
        meter.CreateObservableGauge("likeness.paid_calls", () => Snapshot().PaidCalls.Select(c =>
            new Measurement<long>(c.Count, new("provider", c.Provider), new("kind", c.Kind), new("state", c.State))), description: "Paid calls (claims) by provider, kind and state.");
        meter.CreateObservableCounter("likeness.money.reserved_usd", () => Money(LedgerEntryKind.Reserve), description: "Money ever reserved for paid calls, USD.");
        meter.CreateObservableCounter("likeness.money.committed_usd", () => Money(LedgerEntryKind.Commit), description: "Money charged, USD.");
        meter.CreateObservableCounter("likeness.money.refunded_usd", () => Money(LedgerEntryKind.Refund), description: "Reservations released with no charge, USD.");
        meter.CreateObservableGauge("likeness.jobs", () => Snapshot().Jobs.Select(j =>
            new Measurement<long>(j.Count, new("kind", j.Kind), new("status", j.Status))), description: "Background jobs by kind and status.");
    }

    private double Money(LedgerEntryKind kind) => (double)Snapshot().Money.GetValueOrDefault(kind);

    private BusinessSnapshot Snapshot()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (_snapshot is null || now - _readAt > BusinessSnapshot.MaxAge)
            {
                _snapshot = BusinessSnapshot.Read(_database);
                _readAt = now;
            }

            return _snapshot;
        }
    }
}
