using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Providers.Fal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Tests;

/// <summary>A provider key lives in the server's configuration only: no response and no log line of a run carries it.</summary>
public sealed class KeyTests
{
    [Fact]
    public async Task The_fal_key_is_reported_configured_but_never_appears_in_a_response_or_a_log_line()
    {
        const string key = "fal-key-0f3c9a77:5be1d2c4e8a94f0b9d6a7c3e2f1b0a99";
        var logs = new CapturedLogs();
        await using ServerHost server = await ServerHost.StartAsync(b =>
        {
            b.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            b.Services.AddSingleton(Options.Create(new FalClientOptions { Key = key }));
        });
        var (project, owner) = await server.ProjectAsync("Season 2");
        var bodies = new List<string>();

        async Task<string> ReadAsync(string path, HttpClient? client = null)
        {
            HttpResponseMessage response = await (client ?? owner.Client).GetAsync(new Uri(path, UriKind.Relative));
            string text = response.Headers + "\n" + response.Content.Headers + "\n" + await response.Content.ReadAsStringAsync();
            bodies.Add(text);
            return text;
        }

        JsonElement fal = JsonDocument.Parse((await ReadAsync("/api/providers/fal")).Split('\n').Last()).RootElement;
        Assert.True(fal.GetProperty("keyConfigured").GetBoolean());
        Assert.True(fal.GetProperty("available").GetBoolean());
        await ReadAsync("/api/providers");
        await ReadAsync("/api/providers/nope");
        await ReadAsync("/openapi/v1.json");
        await ReadAsync($"/api/projects/{project.Id}");
        await ReadAsync($"/api/projects/{Guid.NewGuid()}/characters");
        await ReadAsync("/api/providers", server.WithToken("lk_wrong"));
        bodies.Add(await (await owner.Client.PostAsJsonAsync(new Uri($"/api/projects/{project.Id}/characters", UriKind.Relative), new { name = "" })).Content.ReadAsStringAsync());

        string[] secrets = [key, key.Split(':')[1], owner.Secret];
        Assert.NotEmpty(logs.Lines);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
