using Likeness.Server.Jobs.Scheduling;
using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Tests;

/// <summary>
/// Quartz starts on the tables our migrations make (it only validates them), on SQLite (one node) and PostgreSQL
/// (clustered), and bad settings are refused at start.
/// </summary>
public sealed class JobSchedulerTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Quartz_starts_on_the_migrated_schema_clustered_on_postgres_and_keeps_a_job_it_is_given(DatabaseKind kind)
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, home);
        await using ServerHost server = await ServerHost.StartAsync(home.Path, ServerDatabases.Settings(database));

        IScheduler scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        SchedulerMetadata meta = await scheduler.GetMetadata();
        Assert.Equal(SchedulerStatus.Running, meta.Status);
        Assert.Equal(kind == DatabaseKind.Postgres, meta.JobStoreClustered);
        Assert.True(meta.JobStorePersistent);
        Assert.Equal(4, meta.ThreadPoolSize);

        // Stored in our tables: a job added now is there when read back through the store.
        var key = new JobKey("probe", "schema-check");
        await scheduler.AddJob(JobBuilder.Create<NoOpJob>().WithIdentity(key).StoreDurably().RequestRecovery().Build(), AddJobOptions.Replacing);
        IJobDetail? stored = await scheduler.GetJobDetail(key);
        Assert.NotNull(stored);
        Assert.True(stored.RequestsRecovery);
    }

    [Fact]
    public async Task A_thread_count_of_zero_is_refused_before_the_server_starts()
    {
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => ServerHost.StartAsync(null, ["--Likeness:Jobs:ThreadCount", "0"]));
        Assert.Contains("ThreadCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_settings_are_read_from_configuration()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, ["--Likeness:Jobs:PollInterval", "00:00:00.250"]);
        Assert.Equal(TimeSpan.FromMilliseconds(250), server.Services.GetRequiredService<IOptions<JobsOptions>>().Value.PollInterval);
    }

    private sealed class NoOpJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
