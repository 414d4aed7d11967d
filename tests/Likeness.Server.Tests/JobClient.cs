using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>
/// What the job tests do through a server: make a project with an artist and a character with references, start a
/// training, follow a job. The calls go through a client with the artist's token (one per node: the token is in the database).
/// </summary>
internal static class JobClient
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    /// <summary>A new project, an artist of it (not its owner), and a character there with four reference photos from samples/cast.</summary>
    public static async Task<(Guid Project, Caller Artist)> ProjectWithCharacterAsync(ServerHost server, string character)
    {
        var (project, owner) = await server.ProjectAsync("Jobs of " + character);
        owner.Client.Dispose();
        Caller artist = await server.CallerAsync("artist-of-" + character.ToLowerInvariant(), project.Id, ProjectRole.Artist);
        await CharacterWithReferencesAsync(server, project.Id, character);
        return (project.Id, artist);
    }

    /// <summary>A character in <paramref name="project"/> with four reference photos from samples/cast.</summary>
    public static async Task<Character> CharacterWithReferencesAsync(ServerHost server, Guid project, string name)
    {
        CharacterCatalog characters = server.Services.GetRequiredService<CharacterCatalog>();
        Character character = await characters.CreateAsync(project, name, "a test subject", null);
        ReferenceCandidate[] candidates = [.. Photos.Select(p => new ReferenceCandidate(p, File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", p))))];
        var (report, _) = await characters.AddReferencesAsync(character, candidates);
        Assert.True(report.Passed);
        return character;
    }

    /// <summary>Starts a training job; returns its id and Location.</summary>
    public static async Task<(Guid Id, Uri Location)> StartTrainingAsync(HttpClient client, Guid project, string character, string provider)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(new Uri($"/api/projects/{project}/identities", UriKind.Relative), new { character, provider });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.NotNull(response.Headers.Location);
        return (job.GetProperty("id").GetGuid(), response.Headers.Location);
    }

    /// <summary>The job as <c>GET .../jobs/{job}</c> answers it.</summary>
    public static Task<JsonElement> GetAsync(HttpClient client, Guid project, Guid id) =>
        client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/{project}/jobs/{id}", UriKind.Relative));

    /// <summary>
    /// Waits until the job says fal refused the API key and checks it still runs, waiting for a valid key, without the
    /// key's secret (<paramref name="falKey"/> is <c>id:secret</c>) anywhere in its record.
    /// </summary>
    public static async Task AssertWaitsForAValidFalKeyAsync(HttpClient client, Guid project, Guid id, string falKey)
    {
        await Eventually.HoldsAsync(
            async () => (await GetAsync(client, project, id)).GetProperty("message").GetString()?.Contains("refused the API key", StringComparison.Ordinal) == true,
            "the job saying it waits for a valid key", TimeSpan.FromMinutes(2));
        JsonElement waiting = await GetAsync(client, project, id);
        Assert.Equal("running", waiting.GetProperty("status").GetString());
        Assert.StartsWith("waiting: fal refused the API key (HTTP 401); set a valid key", waiting.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(falKey.Split(':')[1], waiting.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>Reads the job's event stream to its end, or to the first event <paramref name="until"/> accepts (bounded): each event's id and data.</summary>
    public static async Task<List<(string Id, JsonElement Data)>> FollowAsync(
        HttpClient client, Guid project, Guid id, string? lastEventId = null, TimeSpan? within = null, Func<JsonElement, bool>? until = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(90));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/projects/{project}/jobs/{id}/events", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<(string, JsonElement)>();
        await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
        {
            Assert.Equal("job", item.EventType);
            events.Add((item.EventId ?? "", JsonDocument.Parse(item.Data).RootElement.Clone()));
            if (until?.Invoke(events[^1].Item2) == true)
            {
                break;
            }
        }

        return events;
    }
}
