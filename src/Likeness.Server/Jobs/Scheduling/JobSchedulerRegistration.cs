using Likeness.Providers.Composition;
using Likeness.Server.Jobs.Api;
using Likeness.Server.Credits;
using Likeness.Server.Jobs.Shots;
using Likeness.Server.Jobs.Studies;
using Likeness.Server.Jobs.Training;
using Likeness.Server.Jobs.Videos;
using Likeness.Workspace;
using Likeness.Workspace.Alerts;
using Likeness.Workspace.Persistence;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Jobs.Scheduling;

/// <summary>
/// Quartz.NET on the workspace's own database: a persistent job store (SQLite by default; PostgreSQL, clustered, for
/// several nodes) whose tables our migrations make (<c>0011_quartz.sql</c>), so jobs survive a restart and a dead
/// node's jobs are recovered by another. Quartz only validates the schema; it never creates or changes it.
/// </summary>
internal static class JobSchedulerRegistration
{
    /// <summary>The Quartz scheduler name every node shares: nodes of one cluster are told apart by instance id.</summary>
    public const string SchedulerName = "likeness";

    public static IServiceCollection AddLikenessJobScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        // Quartz is composed now, from the same configuration the options bind to; both are validated before anything starts.
        JobsOptions jobs = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        jobs.Validate();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>>(new ValidatedBy<JobsOptions>(o => o.Validate()));

        WorkspaceOptions workspace = configuration.GetSection(WorkspaceOptions.Section).Get<WorkspaceOptions>()
            ?? throw new InvalidOperationException($"The {WorkspaceOptions.Section} section is missing.");
        workspace.Validate();
        AlertOptions alerts = new();
        configuration.GetSection(AlertOptions.Section).Bind(alerts);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                if (!string.IsNullOrWhiteSpace(jobs.NodeId))
                {
                    s.InstanceId = jobs.NodeId;
                }
            });
            q.UseDefaultThreadPool(jobs.ThreadCount);
            q.UsePersistentStore(store =>
            {
                if (workspace.Database == DatabaseKind.Postgres)
                {
                    store.UsePostgres(workspace.EffectiveConnectionString);
                }
                else
                {
                    store.UseSqlite(workspace.EffectiveConnectionString);
                }

                store.ConfigureStore(o => o.MisfireThreshold = jobs.MisfireThreshold);
                if (workspace.Database == DatabaseKind.Postgres)
                {
                    // Several nodes on one PostgreSQL: a node that stops checking in is taken as dead and its jobs recovered.
                    // A SQLite file serves one node (Quartz refuses to cluster on it); its jobs are recovered when it restarts.
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = jobs.CheckinInterval;
                        c.CheckinMisfireThreshold = jobs.CheckinInterval;
                    });
                }
            });
            if (alerts.WebhookUrl is { Length: > 0 })
            {
                // The alert outbox's drain: one durable, recurring job for the whole cluster.
                q.ScheduleJob<AlertDeliveryJob>(
                    t => t.WithIdentity(AlertDeliveryJob.Key.Name, AlertDeliveryJob.Key.Group).StartNow()
                        .WithSimpleSchedule(r => r.WithInterval(alerts.DeliveryInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)),
                    j => j.WithIdentity(AlertDeliveryJob.Key).StoreDurably());
            }
        });

        // Graceful shutdown lets a running step finish, for at most ShutdownTimeout (the host's); a killed node's steps
        // are recovered (RequestsRecovery).
        services.Configure<HostOptions>(o => o.ShutdownTimeout = jobs.ShutdownTimeout);
        // Started with the host (after the schema), not after it: the server takes jobs as soon as it takes requests.
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = false;
        });
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobPayer>();
        services.AddSingleton<JobStarts>();
        services.AddSingleton<TrainingSteps>();
        services.AddTransient<TrainingStepJob>();
        services.AddSingleton<ShotBatchSteps>();
        services.AddTransient<ShotBatchStepJob>();
        services.AddSingleton<VideoSteps>();
        services.AddTransient<VideoStepJob>();
        services.AddSingleton<StudySteps>();
        services.AddTransient<StudyStepJob>();
        return services;
    }
}
