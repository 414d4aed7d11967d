using Likeness.Core.Assets;
using Likeness.Core.Gates;
using Likeness.Core.Shots;
using Likeness.Server.Operations.Retention;
using Likeness.Server.Operations.Scheduling;
using Likeness.Testing;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Likeness.Server.Tests;

/// <summary>
/// Data retention on a manual clock: nothing younger than the setting is touched; after it, a rejected shot's files go
/// (its row stays), finished job records and webhook receipts go, and kept shots and running jobs stay.
/// </summary>
public sealed class RetentionTests
{
    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task After_the_retention_days_rejected_shots_files_finished_jobs_and_webhook_receipts_are_purged_and_nothing_else(Workspace.Persistence.DatabaseKind kind)
    {
        var clock = new ManualTime();
        await using ServerHost server = await ServerHost.StartAsync(
            b =>
            {
                b.Services.AddSingleton<TimeProvider>(clock);
                b.Configuration["Likeness:Retention:Days"] = "30";
            },
            kind);
        var (project, _) = await server.ProjectAsync("Season 2");
        var (_, _, kept) = await ResourceTests.SeedAsync(server, project.Id, "Obama");
        var (_, _, rejected) = await ResourceTests.SeedAsync(server, project.Id, "Obama 2");
        IDbContextFactory<LikenessDbContext> database = server.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>();
        await using (LikenessDbContext db = await database.CreateDbContextAsync())
        {
            (await db.Shots.SingleAsync(s => s.Id == kept.Id)).SetVerdict(new ShotVerdict { Kept = true, Reason = VerdictReason.Kept });
            (await db.Shots.SingleAsync(s => s.Id == rejected.Id)).SetVerdict(new ShotVerdict { Kept = false, Reason = VerdictReason.Identity });
            await db.SaveChangesAsync();
        }

        JobBook jobs = server.Services.GetRequiredService<JobBook>();
        JobRecord finished = await jobs.CreateAsync(project.Id, JobKind.Training, "{}");
        await jobs.UpdateAsync(finished.Id, j => j.Status = JobStatus.Succeeded);
        JobRecord running = await jobs.CreateAsync(project.Id, JobKind.Training, "{}");
        await jobs.UpdateAsync(running.Id, j => j.Status = JobStatus.Running);
        Assert.True(await server.Services.GetRequiredService<WebhookReceipts>().TryTakeAsync("fal", "req-1"));
        ServerRetention retention = server.Services.GetRequiredService<ServerRetention>();
        IAssetStore assets = server.Services.GetRequiredService<IAssetStore>();
        string rejectedFile = rejected.Assets.Single();

        // 29 days on: all still there.
        clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(new RetentionReport(0, 0, 0, 0), await retention.RunAsync(CancellationToken.None));
        Assert.True(await assets.ExistsAsync(rejectedFile));

        // A day and a minute later: past 30 days.
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(new RetentionReport(1, 1, 1, 1), await retention.RunAsync(CancellationToken.None));
        Assert.False(await assets.ExistsAsync(rejectedFile));
        Assert.True(await assets.ExistsAsync(kept.Assets.Single()));
        await using (LikenessDbContext db = await database.CreateDbContextAsync())
        {
            Shot after = await db.Shots.AsNoTracking().SingleAsync(s => s.Id == rejected.Id);
            Assert.Empty(after.Assets);
            Assert.False(after.Verdict!.Kept);
            Assert.Equal(rejected.CostUsd, after.CostUsd);
            Assert.Single((await db.Shots.AsNoTracking().SingleAsync(s => s.Id == kept.Id)).Assets);
            Assert.Equal([running.Id], await db.Jobs.Select(j => j.Id).ToListAsync());
            Assert.Equal(0, await db.WebhookReceipts.CountAsync());
        }

        // Nothing left to purge: a second pass changes nothing.
        Assert.Equal(new RetentionReport(0, 0, 0, 0), await retention.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_purge_is_scheduled_only_when_days_are_set_and_bad_settings_are_refused()
    {
        var key = new JobKey(RetentionJob.Name, RecurringJobs.Group);
        await using (ServerHost off = await ServerHost.StartAsync())
        {
            IScheduler scheduler = await off.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Null(await scheduler.GetJobDetail(key));
            Assert.Null(await off.Services.GetRequiredService<ServerRetention>().RunAsync(CancellationToken.None));
        }

        await using (ServerHost on = await ServerHost.StartAsync(null, ["--Likeness:Retention:Days", "7", "--Likeness:Retention:Interval", "00:30:00"]))
        {
            IScheduler scheduler = await on.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            IJobDetail? detail = await scheduler.GetJobDetail(key);
            Assert.NotNull(detail);
            Assert.True(detail.ConcurrentExecutionDisallowed);
            Assert.Equal(TimeSpan.FromMinutes(30), ((ISimpleTrigger)(await scheduler.GetTriggersOfJob(key)).Single()).RepeatInterval);
        }

        Microsoft.Extensions.Options.OptionsValidationException error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => ServerHost.StartAsync(null, ["--Likeness:Retention:Days", "0"]));
        Assert.Contains("Retention:Days", error.Message, StringComparison.Ordinal);
    }
}
