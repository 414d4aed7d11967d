using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Likeness.Server.Jobs.Studies;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Studies;
using Microsoft.Extensions.DependencyInjection;
using Likeness.Providers.Fal;
using Likeness.Providers.Http;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Persistence;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// Studies as background jobs: started from a study file naming the project's characters, followed like any job,
/// their files served from the asset store; a cast folder (a server path) or an unknown character is a 400 naming the
/// field; a cancelled study stops; a server abandoned mid-study is followed by one that finishes it with one fal
/// submission per shot; a key fal refuses while collecting makes the study wait (as a batch does) and one refused for a
/// fresh submission fails it at once.
/// </summary>
public sealed partial class StudyJobTests
{
    private const string Study = """
        name: Two scenes
        characters: [Ada]
        providers: [sim-instant]
        scenarios: [close-up-portrait, profile]
        variations: 1
        megapixels: 0.1
        """;

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_study_runs_as_a_job_and_its_results_report_and_pictures_are_served(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        string studies = $"/api/projects/{project}/studies";

        JsonElement job = await StartAsync(artist.Client, project, Yaml(Study));
        Guid study = Assert.Single(job.GetProperty("resultIds").EnumerateArray()).GetGuid();
        List<(string Id, JsonElement Data)> events = await JobClient.FollowAsync(artist.Client, project, job.GetProperty("id").GetGuid());

        JsonElement last = events[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(100, last.GetProperty("percent").GetDouble());
        Assert.True(last.GetProperty("costUsd").GetDecimal() > 0);
        // The stream sends the latest state after each change, so a fast study may skip its progress versions; the
        // ids only ever rise. What progress writes is checked on its own below.
        int[] versions = [.. events.Select(e => int.Parse(e.Id, CultureInfo.InvariantCulture))];
        Assert.Equal(versions.Order().Distinct(), versions);
        JsonElement found = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{studies}/{study}", UriKind.Relative));
        Assert.Equal(("Two scenes", "succeeded"), (found.GetProperty("name").GetString(), found.GetProperty("status").GetString()));
        Assert.Equal(job.GetProperty("id").GetGuid(), found.GetProperty("jobId").GetGuid());
        Assert.Equal(Study, found.GetProperty("definition").GetString());

        using HttpResponseMessage csv = await artist.Client.GetAsync(new Uri($"{studies}/{study}/results.csv", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, csv);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        JsonElement results = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{studies}/{study}/results.json", UriKind.Relative));
        Assert.Equal(2, results.GetProperty("results").GetProperty("shots").GetArrayLength());

        using HttpResponseMessage report = await artist.Client.GetAsync(new Uri($"{studies}/{study}/report.html", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, report);
        Assert.Equal("text/html", report.Content.Headers.ContentType?.MediaType);
        string policy = string.Join(";", report.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        string html = await report.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Every picture the report shows is served beside it.
        string[] pictures = [.. ImageSources().Matches(html).Select(m => m.Groups[1].Value).Distinct()];
        Assert.Equal(2, pictures.Length);
        foreach (string picture in pictures)
        {
            using HttpResponseMessage image = await artist.Client.GetAsync(new Uri($"{studies}/{study}/{picture}", UriKind.Relative));
            await AssertStatus(HttpStatusCode.OK, image);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        }

        // The same study sent as a multipart file: every shot from the cache, nothing paid; listed newest first.
        var form = new MultipartFormDataContent { { new StringContent(Study, Encoding.UTF8, "application/yaml"), "file", "study.yaml" } };
        JsonElement again = await StartAsync(artist.Client, project, form);
        JsonElement second = (await JobClient.FollowAsync(artist.Client, project, again.GetProperty("id").GetGuid()))[^1].Data;
        Assert.Equal(("succeeded", 0m), (second.GetProperty("status").GetString(), second.GetProperty("costUsd").GetDecimal()));
        JsonElement[] listed = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri(studies, UriKind.Relative)))!;
        Assert.Equal([again.GetProperty("resultIds")[0].GetGuid(), study], listed.Select(s => s.GetProperty("id").GetGuid()));

        await ProblemOf(await artist.Client.GetAsync(new Uri($"{studies}/{study}/images/..%2Fresults.csv", UriKind.Relative)), HttpStatusCode.NotFound);
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{studies}/{Guid.NewGuid()}/report.html", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Study_progress_writes_the_latest_cell_count_to_the_job_and_a_cancel_asked_for_stops_the_run()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, _) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        JobBook jobs = server.Services.GetRequiredService<JobBook>();
        JobRecord job = await jobs.CreateAsync(project, JobKind.Study, "{}");
        using var stop = new CancellationTokenSource();

        await using (var progress = new StudyJobProgress(jobs, job.Id, stop, CancellationToken.None))
        {
            progress.Report(new StudyProgress(1, 4, 1, 0, "Ada · sim · profile #1: from the cache", LastFailed: false));
        }

        JobRecord written = (await jobs.FindAsync(job.Id))!;
        Assert.Equal((25.0, "1 of 4 cells (1 from the cache, 0 failed); last: Ada · sim · profile #1: from the cache"), (written.Percent, written.Message));
        Assert.False(stop.IsCancellationRequested);

        await jobs.UpdateAsync(job.Id, j => j.CancelRequested = true);
        await using (var progress = new StudyJobProgress(jobs, job.Id, stop, CancellationToken.None))
        {
            progress.Report(new StudyProgress(2, 4, 1, 1, "Ada · sim · close-up #1: failed", LastFailed: true));
        }

        Assert.Equal(50.0, (await jobs.FindAsync(job.Id))!.Percent);
        Assert.True(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task Bad_study_files_are_a_400_naming_the_field_and_nothing_is_queued()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        var (other, owner) = await server.ProjectAsync("Other");
        await JobClient.CharacterWithReferencesAsync(server, other.Id, "Bea");
        Uri studies = new($"/api/projects/{project}/studies", UriKind.Relative);

        Assert.Equal("cast", await FieldAsync(artist.Client, studies, Yaml("name: S\ncast: /etc\nproviders: [sim-instant]")));
        Assert.Equal("cast", await FieldAsync(artist.Client, studies, Yaml("name: S\ncast: ../../samples/cast\ncharacters: [Ada]\nproviders: [sim-instant]")));
        // Another project's character is as unknown as one that does not exist.
        Assert.Equal("characters[1]", await FieldAsync(artist.Client, studies, Yaml("name: S\ncharacters: [Ada, Bea]\nproviders: [sim-instant]")));
        Assert.Equal("variations", await FieldAsync(artist.Client, studies, Yaml("name: S\ncharacters: [Ada]\nproviders: [sim-instant]\nvariations: 0")));
        Assert.StartsWith("providers[0]", await FieldAsync(artist.Client, studies, Yaml("name: S\ncharacters: [Ada]\nproviders: [no-such-provider]")), StringComparison.Ordinal);
        // A video provider that makes no video from a pin is refused when the study is sent.
        Assert.Equal("video.providers[0]", await FieldAsync(artist.Client, studies, Yaml("name: S\ncharacters: [Ada]\nproviders: [sim-instant]\nvideo: { providers: [sim-reference] }")));
        // A body that is no study file at all is refused by its content type.
        await ProblemOf(await artist.Client.PostAsync(studies, new ByteArrayContent([0xFF, 0xD8, 0xFF]) { Headers = { ContentType = new MediaTypeHeaderValue("image/jpeg") } }), HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("study", await FieldAsync(artist.Client, studies, Yaml("")));

        Assert.Empty((await artist.Client.GetFromJsonAsync<JsonElement[]>(studies))!);
        Assert.Empty((await owner.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{other.Id}/studies", UriKind.Relative)))!);
        owner.Client.Dispose();
    }

    [Fact]
    public async Task A_study_cancelled_while_it_runs_stops_and_publishes_nothing()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        // 500 small shots: far more than are made between the first progress event and the cancellation.
        JsonElement job = await StartAsync(artist.Client, project, Yaml("name: Long\ncharacters: [Ada]\nproviders: [sim-instant]\nvariations: 100\nmegapixels: 0.05"));
        Guid id = job.GetProperty("id").GetGuid();
        await JobClient.FollowAsync(artist.Client, project, id, until: e => e.GetProperty("percent").GetDouble() > 0);

        await AssertStatus(HttpStatusCode.Accepted, await artist.Client.DeleteAsync(new Uri($"/api/projects/{project}/jobs/{id}", UriKind.Relative)));
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id))[^1].Data;

        Assert.Equal("cancelled", last.GetProperty("status").GetString());
        Assert.True(last.GetProperty("percent").GetDouble() < 100, last.ToString());
        string study = $"/api/projects/{project}/studies/{job.GetProperty("resultIds")[0].GetGuid()}";
        JsonElement found = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri(study, UriKind.Relative));
        Assert.Equal("cancelled", found.GetProperty("status").GetString());
        Assert.Empty(found.GetProperty("files").EnumerateArray());
        await ProblemOf(await artist.Client.GetAsync(new Uri($"{study}/report.html", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_server_abandoned_mid_study_is_followed_by_one_that_finishes_it_with_one_fal_submission_per_shot()
    {
        const string AtFal = """
            name: At fal
            characters: [Ada]
            providers: [fal-instant]
            scenarios: [close-up-portrait, profile, low-light]
            variations: 1
            """;
        await using HeldFal held = await HeldFal.StartAsync();
        ServerHost first = await held.ServerAsync();
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(first, "Ada");
        JsonElement job = await StartAsync(artist.Client, project, Yaml(AtFal));
        // fal-instant takes two calls at once: both are made, and the third waits at fal (its clock stands still), its
        // request id recorded (its status asked), when the server goes without handing over.
        await held.Fal.SubmittedAsync(2);
        held.Time.Advance(held.Run);
        await held.Fal.FollowedAsync(3);
        await first.AbandonAsync();
        held.Time.Advance(held.Run);

        await using ServerHost second = await held.ServerAsync();
        using HttpClient again = second.WithToken(artist.Secret);
        JsonElement last = await held.LastAfterTakeoverAsync(again, project, job.GetProperty("id").GetGuid());

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(3, held.Fal.Submissions(FalApps.InstantCharacter));
        JsonElement results = await again.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/studies/{job.GetProperty("resultIds")[0].GetGuid()}/results.json", UriKind.Relative));
        Assert.All(results.GetProperty("results").GetProperty("shots").EnumerateArray(), s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.Equal(3, (await again.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!.Length);
    }

    [Fact]
    public async Task A_study_whose_collect_fal_refuses_the_key_for_keeps_running_says_why_and_completes_once_fal_takes_the_key_charged_once_with_one_submission_per_shot()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        await using ServerHost server = await held.ServerAsync(fal => fal.Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } });
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        Guid id = (await StartAsync(artist.Client, project, Yaml(TwoAtFal))).GetProperty("id").GetGuid();

        // Both shots wait at fal (fal-instant takes two calls at once), their request ids on their claims; then fal refuses
        // the key twice (a key rotated under the server): each collect stops with its claim kept. No word on the shots: the
        // job keeps running and says the key is the problem, without the key.
        await held.Fal.FollowedAsync(2);
        held.Fal.Faults.Inject(FalFault.KeyRefused401, 2, FalApps.InstantCharacter + "/requests/");
        await JobClient.AssertWaitsForAValidFalKeyAsync(artist.Client, project, id, held.Fal.Key);

        // Once fal takes the key again, a later firing runs the study again, which collects both shots (not sent again).
        Task finish = held.FinishAfterFaultsAsync(2, "fal's two 401s");
        JsonElement last = await held.LastAfterTakeoverAsync(artist.Client, project, id);
        await finish;

        Assert.Equal("succeeded", last.GetProperty("status").GetString());
        Assert.Equal(2, held.Fal.Submissions(FalApps.InstantCharacter));
        JsonElement[] shots = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!;
        Assert.Equal(2, shots.Length);
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        // Charged once: the project's books hold each shot's one charge and nothing reserved.
        Assert.All(shots, s => Assert.True(s.GetProperty("costUsd").GetDecimal() > 0m));
        JsonElement costs = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/costs", UriKind.Relative));
        Assert.Equal((shots.Sum(s => s.GetProperty("costUsd").GetDecimal()), 0m), (costs.GetProperty("committedUsd").GetDecimal(), costs.GetProperty("reservedUsd").GetDecimal()));
        JsonElement results = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/studies/{last.GetProperty("resultIds")[0].GetGuid()}/results.json", UriKind.Relative));
        Assert.All(results.GetProperty("results").GetProperty("shots").EnumerateArray(), s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_study_whose_first_submissions_fal_refuses_the_key_for_fails_at_once_as_a_batch_does_and_sends_nothing_more()
    {
        await using HeldFal held = await HeldFal.StartAsync();
        await using ServerHost server = await held.ServerAsync(fal => fal.Http = new HttpPipelineOptions { Retry = new RetryOptions { MaxRetries = 0 } });
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");

        // Nothing is at fal yet: fal-instant's first two calls (made at once) are refused, failed shots that cost nothing,
        // and the study stops there; its third shot is never sent. The job fails with the problem a batch fails with.
        held.Fal.Faults.Inject(FalFault.KeyRefused401, 5, FalApps.InstantCharacter);
        Guid id = (await StartAsync(artist.Client, project, Yaml(ThreeAtFal))).GetProperty("id").GetGuid();
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project, id))[^1].Data;

        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.StartsWith("0 of 3 shots made; the rest were not:", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        JsonElement error = last.GetProperty("error");
        Assert.Equal(JsonValueKind.Object, error.ValueKind);
        Assert.Equal(0m, last.GetProperty("costUsd").GetDecimal());
        Assert.Equal(0, held.Fal.Submissions(FalApps.InstantCharacter));
        Assert.Equal(2, held.Fal.Faults.Taken);
        JsonElement[] shots = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{project}/characters/Ada/shots", UriKind.Relative)))!;
        Assert.Equal(2, shots.Length);
        Assert.All(shots, s => Assert.Equal(("failed", 0m), (s.GetProperty("status").GetString(), s.GetProperty("costUsd").GetDecimal())));

        // The same refusal in a batch: the same problem (type, title and status) on the job.
        held.Fal.Faults.Inject(FalFault.KeyRefused401, 1, FalApps.InstantCharacter);
        using HttpResponseMessage started = await artist.Client.PostAsJsonAsync(
            new Uri($"/api/projects/{project}/characters/Ada/shots/batches", UriKind.Relative), new { provider = "fal-instant", prompt = "on a rooftop at dusk", seed = 51, count = 1, useCache = false });
        await AssertStatus(HttpStatusCode.Accepted, started);
        JsonElement batch = (await JobClient.FollowAsync(artist.Client, project, (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()))[^1].Data;
        JsonElement batchError = batch.GetProperty("error");
        Assert.Equal("failed", batch.GetProperty("status").GetString());
        Assert.Equal(batchError.GetProperty("status").GetInt32(), error.GetProperty("status").GetInt32());
        Assert.Equal(batchError.GetProperty("type").GetString(), error.GetProperty("type").GetString());
        Assert.Equal(batchError.GetProperty("title").GetString(), error.GetProperty("title").GetString());
        Assert.Equal(batchError.GetProperty("code").GetString(), error.GetProperty("code").GetString());
    }

    private const string TwoAtFal = """
        name: Two at fal
        characters: [Ada]
        providers: [fal-instant]
        scenarios: [close-up-portrait, profile]
        variations: 1
        """;

    private const string ThreeAtFal = """
        name: Three at fal
        characters: [Ada]
        providers: [fal-instant]
        scenarios: [close-up-portrait, profile, low-light]
        variations: 1
        """;

    internal static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    /// <summary>Starts a study; returns its job (202, kind study, its result the study).</summary>
    internal static async Task<JsonElement> StartAsync(HttpClient client, Guid project, HttpContent body)
    {
        using HttpResponseMessage response = await client.PostAsync(new Uri($"/api/projects/{project}/studies", UriKind.Relative), body);
        await AssertStatus(HttpStatusCode.Accepted, response);
        Assert.NotNull(response.Headers.Location);
        JsonElement job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("study", job.GetProperty("kind").GetString());
        return job;
    }

    private static async Task<string?> FieldAsync(HttpClient client, Uri studies, HttpContent body) =>
        (await ProblemOf(await client.PostAsync(studies, body), HttpStatusCode.BadRequest)).GetProperty("field").GetString();

    [GeneratedRegex("<img src=\"(images/[0-9a-f]{32}\\.thumb\\.jpg)\"")]
    private static partial Regex ImageSources();
}
