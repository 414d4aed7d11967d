using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Likeness.Server.Health;

/// <summary>Healthy when the database answers a query (SQLite file or PostgreSQL server).</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<LikenessDbContext> database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using LikenessDbContext db = await database.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's message may carry a connection string's host; the log has it, the response does not.
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
