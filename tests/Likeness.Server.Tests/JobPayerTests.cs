using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Testing;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// Background jobs charge the member who asked for them, as a direct call does: a batch stops where their credits
/// end (nothing over-spent, the job says why), a training is charged to them, a study stops where their credits end,
/// their role's ConcurrentJobs quota refuses a job (a study too) before anything is queued, and a viewer still cannot start one.
/// </summary>
public sealed class JobPayerTests
{
    private const string Prompt = "reading in a library";
    private static readonly string[] FastTraining = ["--Likeness:Jobs:PollInterval", "00:00:00.100", "--Likeness:SimTrainingDuration", "00:00:01"];

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_batch_of_ten_against_credits_for_four_charges_the_member_exactly_four_and_the_job_says_why_the_rest_failed(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Batch credits");
        await JobClient.CharacterWithReferencesAsync(server, project.Id, "Ada");
        Caller artist = await server.CallerAsync("artist", project.Id, ProjectRole.Artist);
        Caller viewer = await server.CallerAsync("viewer", project.Id, ProjectRole.Viewer);
        string api = $"/api/projects/{project.Id}";
        decimal price = await PriceAsync(owner.Client, api);
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(
            new Uri($"{api}/members/{artist.User.Id}/credits", UriKind.Relative), new { allowanceUsd = price * 4, period = "day" }));
        Uri batches = new($"{api}/characters/Ada/shots/batches", UriKind.Relative);
        var batch = new { provider = "sim-instant", prompt = Prompt, seed = 1, count = 10, useCache = false };

        // A viewer may not start it, and nothing is queued for them.
        await ProblemOf(await viewer.Client.PostAsJsonAsync(batches, batch), HttpStatusCode.Forbidden);
        Assert.Equal(0, await JobsOfAsync(server, viewer.User.Id));

        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(batches, batch);
        await AssertStatus(HttpStatusCode.Accepted, accepted);
        Guid id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project.Id, id))[^1].Data;

        // Four shots made and kept; the rest refused by the credits, which the job records as its error.
        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.Equal(4, last.GetProperty("resultIds").GetArrayLength());
        Assert.Equal(price * 4, last.GetProperty("costUsd").GetDecimal());
        Assert.Equal("https://likeness.dev/problems/insufficient-credits", last.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("4 of 10 shots made; the rest were not: ", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        JsonElement[] shots = [.. (await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/characters/Ada/shots", UriKind.Relative))).EnumerateArray()];
        Assert.Equal(4, shots.Length);
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));

        // Exactly four charged to the member, nothing held, nothing over: the credits, the ledger and the audit agree.
        JsonElement mine = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/credits/me", UriKind.Relative));
        Assert.Equal((price * 4, 0m, 0m, 4), (mine.GetProperty("usedUsd").GetDecimal(), mine.GetProperty("reservedUsd").GetDecimal(), mine.GetProperty("remainingUsd").GetDecimal(), mine.GetProperty("generationsToday").GetInt32()));
        JsonElement costs = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/costs", UriKind.Relative));
        Assert.Equal((price * 4, 0m), (costs.GetProperty("committedUsd").GetDecimal(), costs.GetProperty("reservedUsd").GetDecimal()));
        JsonElement[] charged = await ChargesAsync(owner.Client, api);
        Assert.Equal(4, charged.Length);
        Assert.All(charged, c => Assert.Equal(artist.User.Id, c.GetProperty("actorUserId").GetGuid()));
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_training_job_is_charged_to_the_member_who_asked_and_refused_by_credits_that_cannot_cover_it(DatabaseKind kind)
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, home);
        await using ServerHost server = await ServerHost.StartAsync(home.Path, [.. ServerDatabases.Settings(database), .. FastTraining]);
        var (project, owner) = await server.ProjectAsync("Training credits");
        await JobClient.CharacterWithReferencesAsync(server, project.Id, "Ada");
        Caller artist = await server.CallerAsync("artist", project.Id, ProjectRole.Artist);
        string api = $"/api/projects/{project.Id}";
        Uri credits = new($"{api}/members/{artist.User.Id}/credits", UriKind.Relative);

        // $1 cannot cover sim-lora's $2 training: the job fails with the credits problem, and nothing is charged.
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(credits, new { allowanceUsd = 1m }));
        (Guid refused, _) = await JobClient.StartTrainingAsync(artist.Client, project.Id, "Ada", "sim-lora");
        JsonElement failed = (await JobClient.FollowAsync(artist.Client, project.Id, refused))[^1].Data;
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("https://likeness.dev/problems/insufficient-credits", failed.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(await ChargesAsync(owner.Client, api));

        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(credits, new { allowanceUsd = 100m }));
        (Guid id, _) = await JobClient.StartTrainingAsync(artist.Client, project.Id, "Ada", "sim-lora");
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project.Id, id))[^1].Data;
        Assert.Equal("succeeded", last.GetProperty("status").GetString());

        // The training's $2 (and any validation shots after it) charged to the artist; nothing to the budget alone.
        JsonElement[] charged = await ChargesAsync(owner.Client, api);
        Assert.Contains(charged, c => c.GetProperty("detail").GetString()!.StartsWith("training Ada at sim-lora", StringComparison.Ordinal) && c.GetProperty("amountUsd").GetDecimal() == 2.00m);
        Assert.All(charged, c => Assert.Equal(artist.User.Id, c.GetProperty("actorUserId").GetGuid()));
        JsonElement mine = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/credits/me", UriKind.Relative));
        Assert.Equal((charged.Sum(c => c.GetProperty("amountUsd").GetDecimal()), 0m), (mine.GetProperty("usedUsd").GetDecimal(), mine.GetProperty("reservedUsd").GetDecimal()));
    }

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_study_of_six_shots_against_credits_for_two_charges_the_member_exactly_two_and_says_why_it_stopped(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (project, owner) = await server.ProjectAsync("Study credits");
        await JobClient.CharacterWithReferencesAsync(server, project.Id, "Ada");
        Caller artist = await server.CallerAsync("artist", project.Id, ProjectRole.Artist);
        string api = $"/api/projects/{project.Id}";
        // sim-reference charges one price an image, whatever its size.
        decimal price = (await (await owner.Client.PostAsJsonAsync(new Uri($"{api}/costs/estimate", UriKind.Relative),
            new { character = "Ada", provider = "sim-reference", prompt = Prompt })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("estimateUsd").GetDecimal();
        Assert.True(price > 0);
        await AssertStatus(HttpStatusCode.OK, await owner.Client.PutAsJsonAsync(
            new Uri($"{api}/members/{artist.User.Id}/credits", UriKind.Relative), new { allowanceUsd = price * 2, period = "day" }));

        JsonElement job = await StudyJobTests.StartAsync(artist.Client, project.Id, StudyJobTests.Yaml(
            "name: Six shots\ncharacters: [Ada]\nproviders: [sim-reference]\nscenarios: [close-up-portrait, profile]\nvariations: 3\nmegapixels: 0.1"));
        Guid study = Assert.Single(job.GetProperty("resultIds").EnumerateArray()).GetGuid();
        JsonElement last = (await JobClient.FollowAsync(artist.Client, project.Id, job.GetProperty("id").GetGuid()))[^1].Data;

        // Two shots made and kept; the third was refused by the credits, which stopped the study and is its error.
        Assert.Equal("failed", last.GetProperty("status").GetString());
        Assert.Equal("https://likeness.dev/problems/insufficient-credits", last.GetProperty("error").GetProperty("type").GetString());
        Assert.StartsWith("2 of 6 shots made; the rest were not: ", last.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(price * 2, last.GetProperty("costUsd").GetDecimal());
        Assert.Equal("failed", (await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/studies/{study}", UriKind.Relative))).GetProperty("status").GetString());
        JsonElement[] shots = (await artist.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"{api}/characters/Ada/shots", UriKind.Relative)))!;
        Assert.Equal(2, shots.Length);
        Assert.All(shots, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));

        // Exactly two charged to the member, nothing held: the credits, the ledger and the audit agree.
        JsonElement mine = await artist.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/credits/me", UriKind.Relative));
        Assert.Equal((price * 2, 0m, 0m, 2), (mine.GetProperty("usedUsd").GetDecimal(), mine.GetProperty("reservedUsd").GetDecimal(), mine.GetProperty("remainingUsd").GetDecimal(), mine.GetProperty("generationsToday").GetInt32()));
        JsonElement costs = await owner.Client.GetFromJsonAsync<JsonElement>(new Uri($"{api}/costs", UriKind.Relative));
        Assert.Equal((price * 2, 0m), (costs.GetProperty("committedUsd").GetDecimal(), costs.GetProperty("reservedUsd").GetDecimal()));
        JsonElement[] charged = await ChargesAsync(owner.Client, api);
        Assert.Equal(2, charged.Length);
        Assert.All(charged, c => Assert.Equal(artist.User.Id, c.GetProperty("actorUserId").GetGuid()));
    }

    [Fact]
    public async Task Over_the_roles_concurrent_jobs_a_new_job_is_a_429_and_nothing_is_queued()
    {
        await using ServerHost server = await ServerHost.StartAsync(b => b.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Likeness:Quotas:Artist:ConcurrentJobs"] = "1" }));
        var (project, artist) = await JobClient.ProjectWithCharacterAsync(server, "Ada");
        JobBook jobs = server.Services.GetRequiredService<JobBook>();
        // The artist's one job, queued and not scheduled, so it stays open until the test closes it.
        JobRecord open = await jobs.CreateAsync(project, JobKind.Training, "{}", new JobRequester(artist.User.Id, ProjectRole.Artist), maxOpen: null);
        Uri batches = new($"/api/projects/{project}/characters/Ada/shots/batches", UriKind.Relative);
        var batch = new { provider = "sim-instant", prompt = Prompt, count = 2 };

        JsonElement refused = await ProblemOf(await artist.Client.PostAsJsonAsync(batches, batch), HttpStatusCode.TooManyRequests);
        Assert.Equal(("https://likeness.dev/problems/quota-exceeded", "concurrent-jobs", 1),
            (refused.GetProperty("type").GetString(), refused.GetProperty("quota").GetString(), refused.GetProperty("limit").GetInt32()));
        await ProblemOf(await artist.Client.PostAsJsonAsync(new Uri($"/api/projects/{project}/identities", UriKind.Relative), new { character = "Ada", provider = "sim-lora" }), HttpStatusCode.TooManyRequests);
        // A study too: refused before its study or job is recorded.
        Uri studies = new($"/api/projects/{project}/studies", UriKind.Relative);
        JsonElement study = await ProblemOf(await artist.Client.PostAsync(studies, StudyJobTests.Yaml("name: S\ncharacters: [Ada]\nproviders: [sim-instant]")), HttpStatusCode.TooManyRequests);
        Assert.Equal("concurrent-jobs", study.GetProperty("quota").GetString());
        Assert.Empty((await artist.Client.GetFromJsonAsync<JsonElement[]>(studies))!);
        Assert.Equal(1, await JobsOfAsync(server, artist.User.Id));

        // Once that job is over, the next is accepted, and it keeps who asked and their role.
        await jobs.UpdateAsync(open.Id, j => j.Status = JobStatus.Cancelled);
        using HttpResponseMessage accepted = await artist.Client.PostAsJsonAsync(batches, batch);
        await AssertStatus(HttpStatusCode.Accepted, accepted);
        JobRecord started = await jobs.GetAsync(project, (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(new JobRequester(artist.User.Id, ProjectRole.Artist), started.Requester);
    }

    private static async Task<int> JobsOfAsync(ServerHost server, Guid userId)
    {
        await using LikenessDbContext db = server.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>().CreateDbContext();
        return await db.Jobs.CountAsync(j => j.RequestedBy == userId);
    }

    private static async Task<JsonElement[]> ChargesAsync(HttpClient owner, string api) =>
        [.. (await owner.GetFromJsonAsync<JsonElement>(new Uri($"{api}/audit", UriKind.Relative))).EnumerateArray()
            .Where(a => a.GetProperty("action").GetString() == "paid-call-charged")];

    private static async Task<decimal> PriceAsync(HttpClient owner, string api) =>
        (await (await owner.PostAsJsonAsync(new Uri($"{api}/costs/estimate", UriKind.Relative),
            new { character = "Ada", provider = "sim-instant", prompt = Prompt })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("estimateUsd").GetDecimal();
}
