using System.Net;
using System.Net.Http.Headers;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Server;

/// <summary><c>likeness serve</c> in a child process: it listens where told, prints the first owner's token, answers, and stops on Ctrl+C.</summary>
public sealed class ServeCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [InterruptFact]
    public async Task Serve_on_a_fresh_home_prints_the_first_owner_token_and_answers_with_it()
    {
        using var home = new TempFolder();
        using ChildCli child = ChildCli.Start(new Dictionary<string, string>(), "serve", "--urls", "http://127.0.0.1:0", "--home", home.Path);

        string token = await child.LineAsync(l => l.StartsWith("lk_", StringComparison.Ordinal), Patience);
        string listening = await child.LineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), Patience);
        var address = new Uri(listening[(listening.IndexOf("http://", StringComparison.Ordinal))..].Trim());
        using var client = new HttpClient { BaseAddress = address };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Contains("\"owner\"", await client.GetStringAsync(new Uri("/api/me", UriKind.Relative)), StringComparison.Ordinal);

        child.Interrupt();
        Assert.Equal(0, await child.WaitAsync(Patience));
        Assert.Single(child.Output.Split('\n'), l => l.Contains(token, StringComparison.Ordinal));
    }

    [InterruptFact]
    public async Task User_create_owner_prints_a_token_that_serve_accepts_and_a_second_owner_name_is_refused()
    {
        using var home = new TempFolder();
        var (code, output, _) = await CliRunner.RunAsync("user", "create", "ada", "--owner", "--home", home.Path);
        Assert.Equal(0, code);
        string token = output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("lk_", StringComparison.Ordinal));
        var (again, _, error) = await CliRunner.RunAsync("user", "create", "ADA", "--home", home.Path);
        Assert.Equal(2, again);
        Assert.Contains("already exists", error, StringComparison.Ordinal);

        // A home with users makes no first owner: the only token is ada's.
        using ChildCli child = ChildCli.Start(new Dictionary<string, string>(), "serve", "--urls", "http://127.0.0.1:0", "--home", home.Path);
        string listening = await child.LineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), Patience);
        using var client = new HttpClient { BaseAddress = new Uri(listening[listening.IndexOf("http://", StringComparison.Ordinal)..].Trim()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Contains("\"default\"", await client.GetStringAsync(new Uri("/api/projects", UriKind.Relative)), StringComparison.Ordinal);
        child.Interrupt();
        Assert.Equal(0, await child.WaitAsync(Patience));
        Assert.DoesNotContain(child.Output.Split('\n'), l => l.TrimStart().StartsWith("lk_", StringComparison.Ordinal));
    }
}
