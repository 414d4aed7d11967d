using Likeness.Core.Costs;
using Likeness.Server.Operations.Doctor;
using Likeness.Server.Operations.Scheduling;
using Likeness.Testing;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Likeness.Server.Tests;

/// <summary>
/// The doctor in the server: a reservation a stopped process left open is refunded when the next server starts, before
/// its job scheduler starts, and one left while a server runs is refunded by the periodic job, which the cluster holds
/// once and never runs on two nodes at once.
/// </summary>
public sealed class DoctorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_reservation_left_open_by_a_stopped_server_is_refunded_at_the_next_start_before_the_scheduler_starts(DatabaseKind kind)
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, home);
        Guid projectId;
        LedgerEntry orphan;
        await using (ServerHost first = await ServerHost.StartAsync(home.Path, ServerDatabases.Settings(database)))
        {
            projectId = (await first.ProjectAsync("Season 2")).Project.Id;
            orphan = await first.Services.GetRequiredService<LedgerBook>().ReserveAsync(projectId, 0.25m, null, "left open by a process that died");
        }

        var logs = new CapturedLogs();
        await using ServerHost second = await ServerHost.StartAsync(home.Path, ServerDatabases.Settings(database), b => b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));

        CostLedger books = await second.Services.GetRequiredService<LedgerBook>().ReadAsync(projectId);
        Assert.Equal(0m, books.ReservedUsd);
        Assert.False(await second.Services.GetRequiredService<LedgerBook>().IsOpenAsync(orphan.ReservationId));
        List<string> lines = [.. logs.Lines];
        int acted = lines.FindIndex(l => l.Contains("Doctor (start-up): reservation " + orphan.ReservationId, StringComparison.Ordinal) && l.Contains("refunded", StringComparison.Ordinal));
        int summary = lines.FindIndex(l => l.Contains("Doctor (start-up) done", StringComparison.Ordinal) && l.Contains("reconciled: True", StringComparison.Ordinal));
        int scheduler = lines.FindIndex(l => l.Contains("Scheduler", StringComparison.Ordinal) && l.Contains("started", StringComparison.Ordinal));
        Assert.True(acted >= 0, string.Join('\n', lines));
        Assert.True(summary > acted, string.Join('\n', lines));
        Assert.True(scheduler > summary, $"the scheduler started (line {scheduler}) before the doctor finished (line {summary})");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_periodic_doctor_refunds_a_reservation_left_open_while_the_server_runs(DatabaseKind kind)
    {
        var logs = new CapturedLogs();
        await using ServerHost server = await ServerHost.StartAsync(
            b =>
            {
                b.Configuration["Likeness:Jobs:DoctorInterval"] = "00:00:00.200";
                b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information);
            },
            kind);
        Guid projectId = (await server.ProjectAsync("Season 2")).Project.Id;
        LedgerBook ledger = server.Services.GetRequiredService<LedgerBook>();
        LedgerEntry orphan = await ledger.ReserveAsync(projectId, 0.25m, null, "left open by a process that died");

        await logs.LineAsync(l => l.Contains("Doctor (periodic): reservation " + orphan.ReservationId, StringComparison.Ordinal)).WaitAsync(Patience);

        Assert.False(await ledger.IsOpenAsync(orphan.ReservationId));
        Assert.Equal(0m, (await ledger.ReadAsync(projectId)).ReservedUsd);
    }

    [PostgresFact]
    public async Task Two_nodes_hold_one_periodic_doctor_that_never_runs_twice_at_once()
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Postgres, home);
        string[] settings = [.. ServerDatabases.Settings(database), "--Likeness:Jobs:DoctorInterval", "00:00:00.200"];
        var logs = new CapturedLogs();
        await using ServerHost a = await ServerHost.StartAsync(home.Path, [.. settings, "--Likeness:Jobs:NodeId", "node-a"], builder => builder.Logging.AddProvider(logs));
        await using ServerHost b = await ServerHost.StartAsync(home.Path, [.. settings, "--Likeness:Jobs:NodeId", "node-b"], builder => builder.Logging.AddProvider(logs));

        IScheduler scheduler = await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = new JobKey(DoctorJob.Name, RecurringJobs.Group);
        IJobDetail? detail = await scheduler.GetJobDetail(key);
        Assert.NotNull(detail);
        Assert.True(detail.ConcurrentExecutionDisallowed);
        Assert.Single(await scheduler.GetTriggersOfJob(key));
        Assert.Equal(TimeSpan.FromMilliseconds(200), ((ISimpleTrigger)(await scheduler.GetTriggersOfJob(key)).Single()).RepeatInterval);

        // It runs (on whichever node the cluster gives it to), and the other node sees the same single job.
        await logs.LineAsync(l => l.Contains("Doctor (periodic) done", StringComparison.Ordinal)).WaitAsync(Patience);
        IScheduler other = await b.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Single(await other.GetTriggersOfJob(key));
    }

    [Fact]
    public async Task A_doctor_interval_under_100_ms_is_refused_before_the_server_starts()
    {
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => ServerHost.StartAsync(null, ["--Likeness:Jobs:DoctorInterval", "00:00:00.010"]));
        Assert.Contains("DoctorInterval", error.Message, StringComparison.Ordinal);
    }
}
