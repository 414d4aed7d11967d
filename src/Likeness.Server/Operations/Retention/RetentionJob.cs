using Likeness.Server.Operations.Scheduling;

namespace Likeness.Server.Operations.Retention;

/// <summary>The periodic retention purge, one upkeep job for the whole cluster.</summary>
internal sealed class RetentionJob(ServerRetention retention, ILogger<RetentionJob> logger) : UpkeepJob(logger)
{
    /// <summary>The job's name in the upkeep group.</summary>
    public const string Name = "retention";

    protected override string JobName => Name;

    protected override Task RunAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);
}
