using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Core.Accounts;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.Studies.Stored;
using Microsoft.Extensions.DependencyInjection;
using Likeness.Workspace.Persistence;

namespace Likeness.Server.Tests;

/// <summary>The OpenAPI document matches its checked-in baseline, and every route in it keeps each caller inside their rights.</summary>
public sealed class OpenApiTests
{
    private const string UpdateVariable = "LIKENESS_UPDATE_OPENAPI";

    private static readonly string[] SnapshotRoutes = ["", "/members", "/characters", "/costs", "/costs/ledger", "/studies"];

    [Fact]
    public async Task The_document_matches_the_checked_in_baseline()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        string served = Normalise(await server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        string path = Path.Combine(RepoPaths.Root, "docs", "openapi.json");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }

        string baseline = File.Exists(path) ? Normalise(await File.ReadAllTextAsync(path)) : "(missing)";
        Assert.True(served == baseline,
            $"The API changed: docs/openapi.json differs from the served document. If the change is meant, run " +
            $"'{UpdateVariable}=1 dotnet test tests/Likeness.Server.Tests -c Release --filter The_document_matches_the_checked_in_baseline' and commit docs/openapi.json.");
    }

    [Fact]
    public async Task The_interactive_page_is_served_in_development()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        HttpResponseMessage page = await server.Client.GetAsync(new Uri("/scalar/v1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scalar", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every route of the document, walked (1) by a member of another project with that project's ids, and (2) by a
    /// viewer with the viewer's own project's ids: no answer may succeed outside the caller's rights, and afterwards
    /// the other project and the viewer's project are exactly as they were.
    /// </summary>
    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task Every_route_refuses_another_projects_ids_and_a_viewers_writes(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);
        var (theirs, them) = await server.ProjectAsync("Theirs");
        var (mine, me) = await server.ProjectAsync("Mine");
        Caller viewer = await server.CallerAsync("vera", mine.Id, ProjectRole.Viewer);
        var (their, theirIdentity, theirShot) = await ResourceTests.SeedAsync(server, theirs.Id, "TheirSecretName");
        Guid theirReference = (await server.Services.GetRequiredService<CharacterCatalog>().ReferencesAsync(their.Id))[0].Id;
        var (my, myIdentity, myShot) = await ResourceTests.SeedAsync(server, mine.Id, "Mine");
        Guid myReference = (await server.Services.GetRequiredService<CharacterCatalog>().ReferencesAsync(my.Id))[0].Id;
        JobBook jobs = server.Services.GetRequiredService<JobBook>();
        JobRecord theirJob = await jobs.CreateAsync(theirs.Id, JobKind.Training, "{}");
        JobRecord myJob = await jobs.CreateAsync(mine.Id, JobKind.Training, "{}");
        // Studies whose jobs never run here (nothing queues them): only their rows are walked.
        StudyBook studies = server.Services.GetRequiredService<StudyBook>();
        var (theirStudy, _) = await studies.CreateAsync(theirs.Id, "TheirSecretName's study", "name: TheirSecretName's study", _ => "{}");
        var (myStudy, _) = await studies.CreateAsync(mine.Id, "My study", "name: My study", _ => "{}");
        var theirIds = new Dictionary<string, Guid>
        {
            ["character"] = their.Id, ["user"] = them.User.Id, ["identity"] = theirIdentity.Id, ["shot"] = theirShot.Id, ["reference"] = theirReference, ["job"] = theirJob.Id,
            ["study"] = theirStudy.Id,
        };
        var myIds = new Dictionary<string, Guid>
        {
            ["character"] = my.Id, ["user"] = me.User.Id, ["identity"] = myIdentity.Id, ["shot"] = myShot.Id, ["reference"] = myReference, ["job"] = myJob.Id,
            ["study"] = myStudy.Id,
        };
        string theirsBefore = await SnapshotAsync(them, theirs.Id);
        string mineBefore = await SnapshotAsync(me, mine.Id);

        JsonObject document = JsonNode.Parse(await server.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();
        var routes = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(m => (
            Path: p.Key,
            Method: m.Key.ToUpperInvariant(),
            Multipart: m.Value?["requestBody"]?["content"]?["multipart/form-data"] is not null))).ToList();
        Assert.True(routes.Count >= 20, $"Only {routes.Count} routes in the document.");
        var violations = new List<string>();
        int projectRoutes = 0;

        foreach (var (path, method, multipart) in routes)
        {
            bool unsafeMethod = method is not ("GET" or "HEAD");
            if (path.Contains("{project}", StringComparison.Ordinal))
            {
                projectRoutes++;
                // (1) Their project, their ids, my token: must look like nothing exists.
                string foreign = Fill(path, theirs.Id, theirIds);
                HttpResponseMessage response = await SendAsync(me.Client, method, foreign, multipart);
                string body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.NotFound || body.Contains("TheirSecretName", StringComparison.Ordinal))
                {
                    violations.Add($"{method} {foreign} as a non-member: {(int)response.StatusCode} {body}");
                }

                // (1b) My project, their sub-resource ids.
                if (path != "/api/projects/{project}" && path.Count(c => c == '{') > 1)
                {
                    string mixed = Fill(path, mine.Id, theirIds);
                    response = await SendAsync(me.Client, method, mixed, multipart);
                    body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode is >= 200 and < 300 || body.Contains("TheirSecretName", StringComparison.Ordinal))
                    {
                        violations.Add($"{method} {mixed} with another project's ids: {(int)response.StatusCode} {body}");
                    }
                }
            }

            // (2) A viewer of my project: reads may succeed, writes must be refused (403), also outside projects where it needs rights.
            if (unsafeMethod && !IsOwnAccountRoute(path))
            {
                string own = Fill(path, mine.Id, myIds);
                HttpResponseMessage response = await SendAsync(viewer.Client, method, own, multipart);
                // Creating a project of one's own, and a cost estimate (a dry run that writes nothing), are open to a viewer.
                bool allowedForAnyone = (path == "/api/projects" && method == "POST") || path.EndsWith("/costs/estimate", StringComparison.Ordinal);
                if (!allowedForAnyone && (int)response.StatusCode is >= 200 and < 300)
                {
                    violations.Add($"{method} {own} as a viewer: {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(projectRoutes >= 8, $"Only {projectRoutes} project routes walked.");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.Equal(theirsBefore, await SnapshotAsync(them, theirs.Id));
        Assert.Equal(mineBefore, await SnapshotAsync(me, mine.Id));
        // Jobs are not in a project's snapshot: neither was touched (a cancel request would change its version).
        Assert.Equal(theirJob.Version, (await jobs.GetAsync(theirs.Id, theirJob.Id)).Version);
        Assert.Equal(myJob.Version, (await jobs.GetAsync(mine.Id, myJob.Id)).Version);
    }

    // The caller's own session and tokens are theirs whatever their role.
    private static bool IsOwnAccountRoute(string path) => path.StartsWith("/api/me", StringComparison.Ordinal) || path.StartsWith("/api/session", StringComparison.Ordinal);

    // {project} and the named ids filled in; any other placeholder (an image index, a token) gets 0 or a fresh id.
    private static string Fill(string path, Guid project, Dictionary<string, Guid> ids) => string.Join('/', path.Split('/').Select(segment =>
        segment == "{project}" ? project.ToString()
        : segment.StartsWith('{') && ids.TryGetValue(segment[1..^1], out Guid id) ? id.ToString()
        : segment == "{index}" ? "0"
        : segment.StartsWith('{') ? Guid.NewGuid().ToString()
        : segment));

    // A body that satisfies most requests, so a refusal is about rights, not about input.
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path, bool multipart)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (multipart)
        {
            request.Content = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(ResourceTests.CastFile("obama.jpg"))), "file", "obama.jpg" } };
        }
        else if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("""{"name":"Hijack","role":"viewer","budgetUsd":1,"userName":"vera","coreIdentity":"x"}""", Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    // What a project holds, as its owner reads it.
    private static async Task<string> SnapshotAsync(Caller owner, Guid project)
    {
        var parts = new List<string>();
        foreach (string route in SnapshotRoutes)
        {
            parts.Add(await owner.Client.GetStringAsync(new Uri($"/api/projects/{project}{route}", UriKind.Relative)));
        }

        return string.Join("\n", parts);
    }

    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
}
