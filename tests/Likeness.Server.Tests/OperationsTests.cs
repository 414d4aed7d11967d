using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Likeness.Server.Tests;

/// <summary>
/// Operations: /metrics in Prometheus text for administrators and the scrape token only, with the business metrics and
/// request durations; readiness covers the database, asset store, scheduler and models; a problem's request_id is the
/// request id in the log lines of that request; the shutdown timeout is the configured one.
/// </summary>
[Collection(MetricsReaders.Name)]
public sealed partial class OperationsTests
{
    private const string ScrapeToken = "scrape-0123456789abcdef0123456789abcdef";
    private static readonly Uri Metrics = new("/metrics", UriKind.Relative);

    [Fact]
    public async Task Metrics_are_served_in_prometheus_text_to_an_administrator_and_the_scrape_token_only()
    {
        await using ServerHost server = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:MetricsToken"] = ScrapeToken);
        var (project, owner) = await server.ProjectAsync("Season 2");
        Caller admin = await server.CallerAsync("root", administrator: true);
        LedgerBook ledger = server.Services.GetRequiredService<LedgerBook>();
        var kept = await ledger.ReserveAsync(project.Id, 0.75m, null, "a shot");
        await ledger.CommitAsync(project.Id, kept.ReservationId, 0.5m);
        var dropped = await ledger.ReserveAsync(project.Id, 0.25m, null, "another shot");
        await ledger.RefundAsync(project.Id, dropped.ReservationId);
        JobBook jobs = server.Services.GetRequiredService<JobBook>();
        JobRecord job = await jobs.CreateAsync(project.Id, JobKind.Training, "{}");
        await jobs.UpdateAsync(job.Id, j => j.Status = JobStatus.Running);
        await AuthTests.AssertStatus(HttpStatusCode.OK, await owner.Client.GetAsync(new Uri($"/api/projects/{project.Id}", UriKind.Relative)));

        await AuthTests.AssertStatus(HttpStatusCode.Unauthorized, await server.Client.GetAsync(Metrics));
        await AuthTests.AssertStatus(HttpStatusCode.Forbidden, await owner.Client.GetAsync(Metrics));
        using (HttpClient wrong = server.WithToken("scrape-not-the-token-0000000000000000000"))
        {
            await AuthTests.AssertStatus(HttpStatusCode.Unauthorized, await wrong.GetAsync(Metrics));
        }

        HttpResponseMessage byAdmin = await admin.Client.GetAsync(Metrics);
        await AuthTests.AssertStatus(HttpStatusCode.OK, byAdmin);
        Assert.StartsWith("text/plain", byAdmin.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        using HttpClient scraper = server.WithToken(ScrapeToken);
        HttpResponseMessage scraped = await scraper.GetAsync(Metrics);
        await AuthTests.AssertStatus(HttpStatusCode.OK, scraped);
        string text = await scraped.Content.ReadAsStringAsync();

        Assert.Equal(1.0, Value(text, "likeness_money_reserved_usd_total"));
        Assert.Equal(0.5, Value(text, "likeness_money_committed_usd_total"));
        Assert.Equal(0.25, Value(text, "likeness_money_refunded_usd_total"));
        Assert.Equal(1.0, Value(text, "likeness_jobs", "kind=\"training\",status=\"running\""));
        Assert.True(HistogramCount().IsMatch(text), text);
    }

    [Fact]
    public async Task Readiness_checks_the_database_asset_store_scheduler_and_models_and_a_stopped_scheduler_is_unready()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        HttpResponseMessage ready = await server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        await AuthTests.AssertStatus(HttpStatusCode.OK, ready);
        var health = server.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        var report = await health.CheckHealthAsync();
        Assert.Equal(["assets", "database", "models", "scheduler"], report.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(report.Entries.Values, e => Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, e.Status));

        IScheduler scheduler = await server.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        await AuthTests.AssertStatus(HttpStatusCode.ServiceUnavailable, await server.Client.GetAsync(new Uri("/health/ready", UriKind.Relative)));
        await AuthTests.AssertStatus(HttpStatusCode.OK, await server.Client.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task A_problems_request_id_is_the_request_id_its_log_lines_carry()
    {
        var logs = new CapturedLogs();
        await using ServerHost server = await ServerHost.StartAsync(b => b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        var (project, owner) = await server.ProjectAsync("Season 2");
        HttpResponseMessage missing = await owner.Client.GetAsync(new Uri($"/api/projects/{project.Id}/characters/nobody", UriKind.Relative));
        JsonElement problem = await AuthTests.ProblemOf(missing, HttpStatusCode.NotFound);
        string requestId = problem.GetProperty("request_id").GetString()!;
        Assert.Contains(logs.Lines, l => l.Contains("scope:", StringComparison.Ordinal) && l.Contains("RequestId:" + requestId, StringComparison.Ordinal)
            && l.Contains("/characters/nobody", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_shutdown_timeout_jobs_get_to_hand_over_is_the_configured_one()
    {
        await using ServerHost server = await ServerHost.StartAsync(null, ["--Likeness:Jobs:ShutdownTimeout", "00:00:12"]);
        Assert.Equal(TimeSpan.FromSeconds(12), server.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => ServerHost.StartAsync(null, ["--Likeness:Jobs:ShutdownTimeout", "01:00:00"]));
        Assert.Contains("ShutdownTimeout", error.Message, StringComparison.Ordinal);
    }

    private static double Value(string text, string name, string? labels = null)
    {
        // A sample line: name{labels} value [timestamp]; labels may carry more than the ones asked for (otel_scope_name…).
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            {
                if (labels is null || line.Contains(labels, StringComparison.Ordinal))
                {
                    return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"{name} {labels} is not in:\n{text}");
    }

    [GeneratedRegex(@"http_server_request_duration_seconds_count\{[^}]*http_route=""/api/projects/\{project:guid\}/?""[^}]*\} [1-9]")]
    private static partial Regex HistogramCount();
}
