using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>What the job tests do through a server: make a character with references, start a training, follow a job.</summary>
internal static class JobClient
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama2.jpg", "obama3.jpg"];

    /// <summary>A character with four reference photos from samples/cast.</summary>
    public static async Task<Character> CharacterWithReferencesAsync(ServerHost server, string name)
    {
        CharacterCatalog characters = server.Services.GetRequiredService<CharacterCatalog>();
        Character character = await characters.CreateAsync(name, "a test subject", null);
        ReferenceCandidate[] candidates = [.. Photos.Select(p => new ReferenceCandidate(p, File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", p))))];
        var (report, _) = await characters.AddReferencesAsync(character, candidates);
        Assert.True(report.Passed);
        return character;
    }

    /// <summary>Starts a training job; returns its id and Location.</summary>
    public static async Task<(Guid Id, Uri Location)> StartTrainingAsync(ServerHost server, string character, string provider)
    {
        using HttpResponseMessage response = await server.Client.PostAsJsonAsync(new Uri("/api/projects/default/identities", UriKind.Relative), new { character, provider });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement job = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", job.GetProperty("status").GetString());
        Assert.NotNull(response.Headers.Location);
        return (job.GetProperty("id").GetGuid(), response.Headers.Location);
    }

    /// <summary>The job as <c>GET .../jobs/{id}</c> answers it.</summary>
    public static Task<JsonElement> GetAsync(ServerHost server, Guid id) =>
        server.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/projects/default/jobs/{id}", UriKind.Relative));

    /// <summary>Reads the job's event stream to its end, or to the first event <paramref name="until"/> accepts (bounded): each event's id and data.</summary>
    public static async Task<List<(string Id, JsonElement Data)>> FollowAsync(
        ServerHost server, Guid id, string? lastEventId = null, TimeSpan? within = null, Func<JsonElement, bool>? until = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(90));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/projects/default/jobs/{id}/events", UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using HttpResponseMessage response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
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
