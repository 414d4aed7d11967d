using Likeness.Workspace.Retention;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Operations.Retention;

/// <summary>One retention pass with the configured age, its counts written to the log.</summary>
internal sealed partial class ServerRetention(RetentionSweeper sweeper, IOptions<RetentionOptions> options, ILogger<ServerRetention> logger)
{
    /// <summary>Purges what is older than the configured days; null when retention is off.</summary>
    public async Task<RetentionReport?> RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Days is not { } days)
        {
            return null;
        }

        RetentionReport report = await sweeper.PurgeAsync(TimeSpan.FromDays(days), cancellationToken).ConfigureAwait(false);
        Purged(logger, days, report.RejectedShots, report.Files, report.Jobs, report.WebhookReceipts);
        return report;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention ({Days} days): files of {RejectedShots} rejected shot(s) let go ({Files} file(s) removed), {Jobs} finished job record(s) and {WebhookReceipts} webhook receipt(s) deleted")]
    private static partial void Purged(ILogger logger, int days, int rejectedShots, int files, int jobs, int webhookReceipts);
}
