using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Likeness.Providers.Fal;
using Likeness.Testing.Emulators.Fal;
using Likeness.Workspace.Persistence;
using Microsoft.Extensions.Configuration;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// Seed 003 through the API alone, on a fresh server whose fal is the emulator: the first owner's printed token, a
/// project, a character, 15 references uploaded, a training at fal followed over SSE to the end, a reference set, a pin
/// of its frontal view and others, a video and its clip; then a small study started and reported. Each paid fal job is
/// submitted exactly once.
/// </summary>
public sealed partial class Seed003WorkflowTests
{
    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task The_seed_003_workflow_runs_through_the_api_alone_with_one_fal_submission_per_paid_call(DatabaseKind kind)
    {
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions());
        await using ServerHost server = await ServerHost.StartAsync(
            builder =>
            {
                FalServer.At(fal)(builder);
                // Read when the first job is queued: a training is asked again every 200 ms, not every 5 s.
                builder.Configuration.AddInMemoryCollection([new("Likeness:Jobs:PollInterval", "00:00:00.200")]);
            },
            kind);
        using HttpClient api = server.WithToken(FirstOwnerToken().Match(server.FirstOwnerOutput).Value);

        // A project with a budget, and its character.
        using HttpResponseMessage created = await api.PostAsJsonAsync(new Uri("/api/projects", UriKind.Relative), new { name = "Season 3", budgetUsd = 50 });
        await AssertStatus(HttpStatusCode.Created, created);
        Guid project = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        string root = $"/api/projects/{project}";
        string ada = $"{root}/characters/Ada";
        await AssertStatus(HttpStatusCode.Created, await api.PostAsJsonAsync(
            new Uri($"{root}/characters", UriKind.Relative), new { name = "Ada", profile = new { coreIdentity = "a man in his late forties with short dark hair" } }));

        // 15 references in one multipart upload.
        using var upload = new MultipartFormDataContent();
        foreach (var (name, bytes) in ReferenceVariants.Distinct(15))
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            upload.Add(part, "file", name);
        }

        using HttpResponseMessage uploaded = await api.PostAsync(new Uri($"{ada}/references", UriKind.Relative), upload);
        await AssertStatus(HttpStatusCode.Created, uploaded);
        Assert.Equal(15, (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetArrayLength());

        // Train at fal and follow it over SSE to ready.
        (Guid training, _) = await JobClient.StartTrainingAsync(api, project, "Ada", "fal");
        JsonElement trained = await SucceededAsync(api, project, training);
        Guid identity = Assert.Single(trained.GetProperty("resultIds").EnumerateArray()).GetGuid();
        JsonElement model = await api.GetFromJsonAsync<JsonElement>(new Uri($"{ada}/identities/{identity}", UriKind.Relative));
        Assert.Equal(("ready", "trained"), (model.GetProperty("status").GetString(), model.GetProperty("kind").GetString()));

        // The reference set: the five standard views with the trained identity.
        JsonElement set = await SucceededAsync(api, project, await AcceptedAsync(api, $"{ada}/reference-sets", new { provider = "fal" }));
        Guid[] views = [.. set.GetProperty("resultIds").EnumerateArray().Select(e => e.GetGuid())];
        Assert.Equal(5, views.Length);

        // The views become references (each with its view as its role) and the pin takes the frontal one and up to three
        // others. The emulator ignores the prompt, so views of one shape and seed come out byte for byte the same, and
        // the same file twice is refused as a duplicate: each different picture is uploaded once.
        var pinned = new List<(string Role, Guid Reference)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Guid view in views)
        {
            JsonElement shot = await api.GetFromJsonAsync<JsonElement>(new Uri($"{ada}/shots/{view}", UriKind.Relative));
            string role = shot.GetProperty("request").GetProperty("scenario").GetString()!;
            byte[] image = await api.GetByteArrayAsync(new Uri($"{ada}/shots/{view}/images/0", UriKind.Relative));
            if (!seen.Add(Convert.ToHexString(SHA256.HashData(image))))
            {
                continue;
            }

            using var form = new MultipartFormDataContent { { new ByteArrayContent(image), "file", $"{role}.jpg" } };
            using HttpResponseMessage added = await api.PostAsync(new Uri($"{ada}/references?role={role}", UriKind.Relative), form);
            await AssertStatus(HttpStatusCode.Created, added);
            pinned.Add((role, Assert.Single((await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").EnumerateArray()).GetProperty("id").GetGuid()));
        }

        Guid frontal = pinned.Single(p => p.Role == "frontal").Reference;
        Guid[] others = [.. pinned.Where(p => p.Role != "frontal").Select(p => p.Reference).Take(3)];
        Assert.NotEmpty(others);
        using HttpResponseMessage pin = await api.PostAsJsonAsync(new Uri($"{ada}/pins", UriKind.Relative), new { frontal = frontal.ToString(), references = others.Select(o => o.ToString()) });
        await AssertStatus(HttpStatusCode.Created, pin);
        JsonElement pinBody = await pin.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(frontal, pinBody.GetProperty("frontalReferenceId").GetGuid());
        Assert.Equal(others, pinBody.GetProperty("referenceIds").EnumerateArray().Select(e => e.GetGuid()));

        // A video of the pin at fal, and its clip.
        JsonElement made = await SucceededAsync(api, project, await AcceptedAsync(api, $"{ada}/videos", new { provider = "fal", prompt = "turns to the camera and smiles", durationSeconds = 5 }));
        Guid video = Assert.Single(made.GetProperty("resultIds").EnumerateArray()).GetGuid();
        using HttpResponseMessage clip = await api.GetAsync(new Uri($"{ada}/videos/{video}/file", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, clip);
        Assert.Equal("video/mp4", clip.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString((await clip.Content.ReadAsByteArrayAsync()).AsSpan(4, 4)));

        // A small study of the character, started and reported through the API (the sim provider: no fal call).
        JsonElement study = await StudyJobTests.StartAsync(api, project, StudyJobTests.Yaml("""
            name: Season 3 check
            characters: [Ada]
            providers: [sim-instant]
            scenarios: [close-up-portrait]
            variations: 2
            megapixels: 0.1
            """));
        Guid studyId = Assert.Single((await SucceededAsync(api, project, study.GetProperty("id").GetGuid())).GetProperty("resultIds").EnumerateArray()).GetGuid();
        using HttpResponseMessage report = await api.GetAsync(new Uri($"{root}/studies/{studyId}/report.html", UriKind.Relative));
        await AssertStatus(HttpStatusCode.OK, report);
        Assert.Contains("Season 3 check", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // One fal submission per paid call: the training, each of the five views, the video.
        Assert.Equal(1, fal.Submissions(FalApps.FluxLoraFastTraining));
        Assert.Equal(5, fal.Submissions(FalApps.FluxLora));
        Assert.Equal(1, fal.Submissions(FalApps.KlingO1ReferenceToVideo));
    }

    private static async Task<Guid> AcceptedAsync(HttpClient api, string path, object body)
    {
        using HttpResponseMessage response = await api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        await AssertStatus(HttpStatusCode.Accepted, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    // Followed over SSE to its last event, which must be a success.
    private static async Task<JsonElement> SucceededAsync(HttpClient api, Guid project, Guid job)
    {
        JsonElement last = (await JobClient.FollowAsync(api, project, job, within: TimeSpan.FromMinutes(3)))[^1].Data;
        Assert.True(last.GetProperty("status").GetString() == "succeeded", $"Job {job}: {last}");
        return last;
    }

    [GeneratedRegex("lk_[A-Za-z0-9_-]+")]
    private static partial Regex FirstOwnerToken();
}
