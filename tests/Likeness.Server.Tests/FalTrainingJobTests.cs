using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Testing;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;
using Microsoft.AspNetCore.Builder;

namespace Likeness.Server.Tests;

/// <summary>
/// Training jobs at fal (its emulator, whose clock stands still until the test moves it, so a training cannot end
/// before the test lets it): resumed after a restart, taken over by another node, completed by a webhook, with exactly
/// one submission to fal per job.
/// </summary>
public sealed class FalTrainingJobTests
{
    // Short claim leases: a step cut off on a stopped node holds its training for at most the lease (nodes share a process here).
    // Polls ten minutes apart: only the webhook can move the job on within the test.
    private static readonly string[] WebhooksOnly = ["--Likeness:Jobs:PollInterval", "00:10:00"];

    private static readonly string[] Polling = ["--Likeness:Jobs:PollInterval", "00:00:00.200", "--Likeness:Jobs:CheckinInterval", "00:00:00.500", "--Likeness:ClaimLease", "00:00:03"];

    [Fact]
    public async Task A_server_stopped_mid_training_and_started_again_on_the_same_home_finishes_it_with_one_submission()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await HeldFalAsync(time);
        using var home = new TempFolder();
        (Guid project, Guid id, string secret) = await StartTrainingThenStopAsync(home, fal);

        // fal finishes the training while no server runs; the next one on this home resumes the job from its stored request id.
        Assert.Equal("IN_QUEUE", Assert.Single(fal.Requests).Status);
        time.Advance(fal.Options.QueueDelay + fal.Options.TrainingDuration);
        await using ServerHost second = await ServerHost.StartAsync(home.Path, Polling, FalServer.At(fal));
        using HttpClient again = second.WithToken(secret);
        JsonElement last = (await JobClient.FollowAsync(again, project, id))[^1].Data;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(2.00m, last.GetProperty("costUsd").GetDecimal());
        Assert.Equal(1, fal.Submissions(FalServer.Training));
    }

    [Fact]
    public async Task A_training_whose_result_fal_no_longer_keeps_when_the_server_is_back_fails_charged_what_fal_billed_and_is_not_sent_again()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await HeldFalAsync(time);
        using var home = new TempFolder();
        (Guid project, Guid id, string secret) = await StartTrainingThenStopAsync(home, fal);

        // fal finishes and bills the training while no server runs, and drops its result an hour later.
        time.Advance(fal.Options.QueueDelay + fal.Options.TrainingDuration + fal.Options.ResultRetention);
        await using ServerHost second = await ServerHost.StartAsync(home.Path, Polling, FalServer.At(fal));
        using HttpClient again = second.WithToken(secret);
        JsonElement last = (await JobClient.FollowAsync(again, project, id))[^1].Data;

        // The version fails saying why, the job keeps fal's price, the books charge it and refund nothing; nothing is sent again.
        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.Contains("The provider's result expired before it was collected", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2.00m, last.GetProperty("costUsd").GetDecimal());
        JsonElement costs = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/costs", UriKind.Relative));
        Assert.Equal((2.00m, 0m), (costs.GetProperty("committedUsd").GetDecimal(), costs.GetProperty("reservedUsd").GetDecimal()));
        Assert.Equal(1, fal.Submissions(FalServer.Training));
    }

    /// <summary>A server on <paramref name="home"/> starts Ada's training at fal, waits until fal has it, and stops.</summary>
    private static async Task<(Guid Project, Guid Id, string Secret)> StartTrainingThenStopAsync(TempFolder home, FalEmulator fal)
    {
        await using ServerHost first = await ServerHost.StartAsync(home.Path, Polling, FalServer.At(fal));
        (Guid project, Caller artist) = await JobClient.ProjectWithCharacterAsync(first, "Ada");
        (Guid id, _) = await JobClient.StartTrainingAsync(artist.Client, project, "Ada", "fal");
        await JobClient.FollowAsync(artist.Client, project, id, until: Submitted);
        return (project, id, artist.Secret);
    }

    [PostgresFact]
    public async Task A_node_stopped_abruptly_mid_training_leaves_it_to_the_other_node_with_one_submission()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await HeldFalAsync(time);
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Postgres, home);
        ServerHost a = await NodeAsync(home, database, "a", Polling, FalServer.At(fal));
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(a, "Ada");
        (Guid id, _) = await JobClient.StartTrainingAsync(artist.Client, project, "Ada", "fal");
        await JobClient.FollowAsync(artist.Client, project, id, until: Submitted);

        await using ServerHost b = await NodeAsync(home, database, "b", Polling, FalServer.At(fal));
        using HttpClient onB = b.WithToken(artist.Secret);
        await a.AbandonAsync();
        time.Advance(fal.Options.QueueDelay + fal.Options.TrainingDuration);
        JsonElement last = (await JobClient.FollowAsync(onB, project, id))[^1].Data;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(1, fal.Submissions(FalServer.Training));
    }

    [PostgresFact]
    public async Task A_webhook_delivered_to_the_node_that_did_not_start_the_job_completes_it_once_and_a_forged_one_gets_401()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await HeldFalAsync(time);
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Postgres, home);

        await using ServerHost a = await NodeAsync(home, database, "a", WebhooksOnly, FalServer.At(fal));
        await using ServerHost b = await NodeAsync(home, database, "b", WebhooksOnly, FalServer.At(fal));
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(a, "Ada");
        using HttpClient onB = b.WithToken(artist.Secret);
        (Guid id, _) = await JobClient.StartTrainingAsync(artist.Client, project, "Ada", "fal");
        JsonElement submitted = (await JobClient.FollowAsync(artist.Client, project, id, until: Submitted))[^1].Data;
        time.Advance(fal.Options.QueueDelay + fal.Options.TrainingDuration);
        string requestId = Assert.Single(fal.Requests).RequestId;
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new { request_id = requestId, gateway_request_id = requestId, status = "OK", payload = new { } });

        // Unsigned, and signed by someone else: refused, and the job is as it was.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(b, body, new Dictionary<string, string>())).StatusCode);
        FalSignedDelivery genuine = fal.SignDelivery(requestId, body, DateTimeOffset.UtcNow);
        var forged = new Dictionary<string, string>(genuine.Headers) { [Likeness.Providers.Fal.Webhooks.FalWebhookVerifier.SignatureHeader] = new string('0', 128) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWebhookAsync(b, body, forged)).StatusCode);
        JsonElement unchanged = await JobClient.GetAsync(artist.Client, project, id);
        Assert.Equal(submitted.GetProperty("version").GetInt32(), unchanged.GetProperty("version").GetInt32());
        Assert.Equal("running", unchanged.GetProperty("status").GetString());

        // The genuine delivery, to the node that did not take the request: the job is done when it answers.
        using HttpResponseMessage delivered = await PostWebhookAsync(b, genuine.Body, genuine.Headers);
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        JsonElement done = await JobClient.GetAsync(artist.Client, project, id);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());

        // A redelivery, to either node, is acknowledged and changes nothing.
        using HttpResponseMessage again = await PostWebhookAsync(a, genuine.Body, genuine.Headers);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("disposition").GetString());
        Assert.Equal(done.GetProperty("version").GetInt32(), (await JobClient.GetAsync(onB, project, id)).GetProperty("version").GetInt32());
        Assert.Equal(1, fal.Submissions(FalServer.Training));
    }

    [PostgresFact]
    public async Task Fal_delivers_the_completion_to_the_other_node_and_that_finishes_the_job_without_waiting_for_a_poll()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { QueueDelay = TimeSpan.FromMilliseconds(50), TrainingDuration = TimeSpan.FromSeconds(2) });
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Postgres, home);
        await using ServerHost b = await NodeAsync(home, database, "b", WebhooksOnly, FalServer.At(fal));
        await using ServerHost a = await NodeAsync(home, database, "a", WebhooksOnly, FalServer.At(fal, new Uri(b.Address, "webhooks/fal")));
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(a, "Ada");

        (Guid id, _) = await JobClient.StartTrainingAsync(artist.Client, project, "Ada", "fal");
        JsonElement last;
        try
        {
            last = (await JobClient.FollowAsync(artist.Client, project, id, within: TimeSpan.FromSeconds(40)))[^1].Data;
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"deliveries: {string.Join(", ", fal.Deliveries)}; requests: {string.Join(", ", fal.Requests.Select(r => $"{r.Status} {r.WebhookUrl}"))}; job {await JobClient.GetAsync(artist.Client, project, id)}");
            throw;
        }

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        FalWebhookDelivery delivery = Assert.Single(fal.Deliveries);
        Assert.StartsWith(b.Address.ToString(), delivery.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, fal.Submissions(FalServer.Training));
    }

    /// <summary>One node of a cluster on <paramref name="database"/>, sharing <paramref name="home"/>, named <paramref name="node"/>.</summary>
    private static Task<ServerHost> NodeAsync(TempFolder home, TestDatabase database, string node, string[] jobs, Action<WebApplicationBuilder> fal) =>
        ServerHost.StartAsync(home.Path, [.. ServerDatabases.Settings(database), .. jobs, "--Likeness:Jobs:NodeId", node], fal);

    /// <summary>A fal emulator whose trainings end only when the test moves <paramref name="time"/> on.</summary>
    private static Task<FalEmulator> HeldFalAsync(ManualTime time) =>
        FalEmulator.StartAsync(new FalEmulatorOptions { Time = time, QueueDelay = TimeSpan.FromMilliseconds(50), TrainingDuration = TimeSpan.FromSeconds(8) });

    /// <summary>The first step has run: fal has the training and the job has recorded what fal said of it at the first poll.</summary>
    private static bool Submitted(JsonElement job) =>
        job.GetProperty("status").GetString() == "running" && job.GetProperty("message").GetString() is { } m
        && !m.StartsWith("starting", StringComparison.Ordinal) && !m.StartsWith("submitted", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> PostWebhookAsync(ServerHost server, byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/webhooks/fal", UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await server.Client.SendAsync(request);
    }
}
