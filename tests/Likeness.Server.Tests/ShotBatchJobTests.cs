using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Persistence;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// Batches of shots as background jobs: made one paid call per shot and followed like any job; and a server abandoned
/// mid-batch, while a shot waits at fal, is followed by one on the same home that finishes the batch with exactly one
/// submission to fal per shot (the waiting one collected from fal, not sent again).
/// </summary>
public sealed class ShotBatchJobTests
{
    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_batch_makes_each_shot_once_reports_progress_and_bad_requests_name_the_field(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Uri batches = new($"/api/projects/{project}/characters/Ada/shots/batches", UriKind.Relative);

        Guid id = await StartAsync(artist.Client, project, new { provider = "sim-instant", prompt = "reading in a library", seed = 5, count = 3, useCache = false });
        List<(string Id, JsonElement Data)> events = await JobClient.FollowAsync(artist.Client, project, id);

        JsonElement last = events[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(100, last.GetProperty("percent").GetDouble());
        Guid[] made = [.. last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];
        Assert.Equal(3, made.Distinct().Count());
        JsonElement[] shots = await ShotsAsync(artist.Client, project, made);
        Assert.Equal([5L, 6L, 7L], shots.Select(s => s.GetProperty("request").GetProperty("seed").GetInt64()));
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal(3, (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!.Length);

        Assert.Equal("count", (await ProblemOf(await artist.Client.PostAsJsonAsync(batches, new { provider = "sim-instant", prompt = "x", count = 0 }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        Assert.Equal("prompt", (await ProblemOf(await artist.Client.PostAsJsonAsync(batches, new { provider = "sim-instant", count = 2 }), HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_reference_set_makes_the_five_standard_views_in_order()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");

        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(
            new Uri($"/api/projects/{project}/characters/Ada/reference-sets", UriKind.Relative), new { provider = "sim-instant", seed = 3 });
        await AssertStatus(HttpStatusCode.Accepted, accepted);
        JsonElement job = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("referenceset", job.GetProperty("kind").GetString());
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, job.GetProperty("id").GetGuid()))[^1].Data;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        JsonElement[] shots = await ShotsAsync(artist.Client, project, last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid()));
        Assert.Equal(["frontal", "three-quarter", "profile", "full-body", "close-up"], shots.Select(s => s.GetProperty("request").GetProperty("scenario").GetString()));
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal("9:16", shots[3].GetProperty("request").GetProperty("aspectRatio").GetString());
    }

    [Fact]
    public async Task A_server_abandoned_mid_batch_is_followed_by_one_that_finishes_it_with_one_fal_submission_per_shot()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        ServerHost first = await held.ServerAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(first, "Ada");
        Guid id = await StartAsync(artist.Client, project, new { provider = "fal-instant", prompt = "on a rooftop at dusk", seed = 11, count = 3, useCache = false });
        await held.Fal.SubmittedAsync(1);
        held.Time.Advance(held.Run);
        // Shot 1 is made and shot 2 waits at fal (its clock stands still) when the server goes without handing over: once
        // its status is asked, its request id is on its claim (recorded before the server follows it), so the next server
        // collects it. Gone between the submission and fal's answer, the call's outcome would be unknown, and it is then
        // reported, not sent again (SendingTakeoverTests).
        await held.Fal.FollowedAsync(2);
        await first.AbandonAsync();
        held.Time.Advance(held.Run);

        await using ServerHost second = await held.ServerAsync();
        using HttpClient again = second.WithToken(artist.Secret);
        Task third = Task.Run(async () =>
        {
            await held.Fal.SubmittedAsync(3);
            held.Time.Advance(held.Run);
        });
        JsonElement last = await held.LastAfterTakeoverAsync(again, project, id);
        await third;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Guid[] made = [.. last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];
        Assert.Equal(3, made.Distinct().Count());
        JsonElement[] shots = await ShotsAsync(again, project, made);
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal([11L, 12L, 13L], shots.Select(s => s.GetProperty("request").GetProperty("seed").GetInt64()));
        Assert.Equal(3, held.Fal.Submissions(FalApps.InstantCharacter));
        Assert.Equal(3, (await again.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!.Length);
    }

    [Fact]
    public async Task A_shot_whose_status_fal_cannot_give_for_a_while_is_collected_at_a_later_firing_with_one_submission()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        await using ServerHost server = await held.ServerAsync(fal => fal.Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } });
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Guid id = await StartAsync(artist.Client, project, new { provider = "fal-instant", prompt = "on a rooftop at dusk", seed = 21, count = 2, useCache = false });

        // Shot 1 waits at fal (its clock stands still), its request id on its claim; then fal's status endpoint answers
        // 503 three times. No verdict on the shot: each ends the step with the claim kept (not failed, not sent again),
        // and a later firing collects it. Then fal finishes shot 1, and shot 2 is made.
        await held.Fal.FollowedAsync(1);
        held.Fal.Faults.Inject(FalFault.ServiceUnavailable503, 3, FalApps.InstantCharacter + "/requests/");
        Task finish = held.FinishAfterFaultsAsync(3, "fal's three 503s", thenSubmitted: 2);
        JsonElement last = await held.LastAfterTakeoverAsync(artist.Client, project, id);
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        await finish;

        Guid[] made = [.. last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];
        Assert.Equal(2, made.Distinct().Count());
        Assert.All(await ShotsAsync(artist.Client, project, made), s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal(2, held.Fal.Submissions(FalApps.InstantCharacter));
        Assert.Equal(3, held.Fal.Faults.Taken);
    }

    [Fact]
    public async Task A_batch_whose_collect_fal_refuses_the_key_for_keeps_running_says_why_and_completes_once_fal_takes_the_key_charged_once_with_one_submission()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        await using ServerHost server = await held.ServerAsync(fal => fal.Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } });
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Guid id = await StartAsync(artist.Client, project, new { provider = "fal-instant", prompt = "on a rooftop at dusk", seed = 41, count = 2, useCache = false });

        // Shot 1 waits at fal, its request id on its claim; then fal refuses the key three times (a key rotated under the
        // server). No word on the shot: the job keeps running and says the key is the problem, without the key.
        await held.Fal.FollowedAsync(1);
        held.Fal.Faults.Inject(FalFault.KeyRefused401, 3, FalApps.InstantCharacter + "/requests/");
        await JobClient.AssertWaitsForAValidFalKeyAsync(artist.Client, project, id, held.Fal.Key);

        // Once fal takes the key again, a later firing collects shot 1 (not sent again), and shot 2 is made.
        Task finish = held.FinishAfterFaultsAsync(3, "fal's three 401s", thenSubmitted: 2);
        JsonElement last = await held.LastAfterTakeoverAsync(artist.Client, project, id);
        await finish;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Guid[] made = [.. last.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];
        JsonElement[] shots = await ShotsAsync(artist.Client, project, made);
        Assert.Equal(2, made.Distinct().Count());
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal(shots.Sum(s => s.GetProperty("costUsd").GetDecimal()), last.GetProperty("costUsd").GetDecimal());
        Assert.Equal(2, held.Fal.Submissions(FalApps.InstantCharacter));
        Assert.Equal(3, held.Fal.Faults.Taken);
    }

    [Fact]
    public async Task A_batch_whose_first_submission_fal_refuses_the_key_for_fails_at_once_and_sends_nothing_more()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        await using ServerHost server = await held.ServerAsync(fal => fal.Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } });
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");

        // Nothing is at fal yet: the refused submission is a failed shot that cost nothing, and the batch stops there, saying why.
        held.Fal.Faults.Inject(FalFault.KeyRefused401, 1, FalApps.InstantCharacter);
        Guid id = await StartAsync(artist.Client, project, new { provider = "fal-instant", prompt = "on a rooftop at dusk", seed = 51, count = 3, useCache = false });
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id))[^1].Data;

        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.StartsWith("0 of 3 shots made; the rest were not:", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, last.GetProperty("error").ValueKind);
        Assert.Empty(last.GetProperty("resultIds").EnumerateArray());
        JsonElement shot = Assert.Single((await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!);
        Assert.Equal(("failed", 0m), (shot.GetProperty("status").GetString(), shot.GetProperty("costUsd").GetDecimal()));
        Assert.Equal(0, held.Fal.Submissions(FalApps.InstantCharacter));
        Assert.Equal(1, held.Fal.Faults.Taken);
    }

    private static async Task<Guid> StartAsync(HttpClient client, Guid project, object body)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(new Uri($"/api/projects/{project}/characters/Ada/shots/batches", UriKind.Relative), body);
        await AssertStatus(HttpStatusCode.Accepted, response);
        Assert.NotNull(response.Headers.Location);
        JsonElement job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("shots", job.GetProperty("kind").GetString());
        return job.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement[]> ShotsAsync(HttpClient client, Guid project, IEnumerable<Guid> ids) =>
        await Task.WhenAll(ids.Select(id => client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/characters/Ada/shots/{id}", UriKind.Relative))));
}
