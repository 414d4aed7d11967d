using System.Net.Http.Headers;
using Likeness.Core.Accounts;
using Likeness.Core.Projects;
using Likeness.Testing;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Projects;
using Likeness.Workspace.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Likeness.Server.Tests;

/// <summary>
/// A Likeness server on real Kestrel at a free loopback port, over a fresh home (SQLite and files, or a fresh PostgreSQL
/// database) or a given one shared with other nodes, with an <see cref="HttpClient"/> aimed at it. Disposing stops the
/// server and deletes the home and database it made.
/// </summary>
internal sealed class ServerHost : IAsyncDisposable
{
    private readonly TempFolder? _ownHome;
    private readonly TestDatabase? _ownDatabase;
    private readonly WebApplication _app;
    private readonly StringWriter _console;

    private ServerHost(string home, TempFolder? ownHome, TestDatabase? ownDatabase, WebApplication app, Uri address, StringWriter console)
    {
        Home = home;
        _ownHome = ownHome;
        _ownDatabase = ownDatabase;
        _app = app;
        _console = console;
        Client = new HttpClient { BaseAddress = address };
    }

    /// <summary>A client for the server's address, without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's address.</summary>
    public Uri Address => Client.BaseAddress!;

    /// <summary>What the server printed for its first owner (instead of the console).</summary>
    public string FirstOwnerOutput => _console.ToString();

    /// <summary>The home folder.</summary>
    public string Home { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a server on a fresh home and a fresh database of <paramref name="database"/>'s kind;
    /// <paramref name="configure"/> may add settings or services before it is built.
    /// </summary>
    public static async Task<ServerHost> StartAsync(Action<WebApplicationBuilder>? configure = null, DatabaseKind database = DatabaseKind.Sqlite)
    {
        var home = new TempFolder();
        TestDatabase? created = null;
        try
        {
            created = await TestDatabases.CreateAsync(database, home);
            return await StartAsync(home.Path, home, created, ServerDatabases.Settings(created), configure);
        }
        catch
        {
            if (created is not null)
            {
                await created.DisposeAsync();
            }

            home.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts a server on <paramref name="home"/> (a fresh one when null, deleted on dispose) with <paramref name="settings"/>
    /// as command-line settings (<c>--Likeness:Jobs:PollInterval 00:00:00.2</c>, a shared database's
    /// <see cref="ServerDatabases.Settings"/>), read before the services are composed. Several nodes may share a home.
    /// </summary>
    public static async Task<ServerHost> StartAsync(string? home, IReadOnlyList<string> settings, Action<WebApplicationBuilder>? configure = null)
    {
        TempFolder? own = home is null ? new TempFolder() : null;
        try
        {
            return await StartAsync(home ?? own!.Path, own, null, settings, configure);
        }
        catch
        {
            own?.Dispose();
            throw;
        }
    }

    private static async Task<ServerHost> StartAsync(
        string home, TempFolder? ownHome, TestDatabase? ownDatabase, IReadOnlyList<string> settings, Action<WebApplicationBuilder>? configure)
    {
        var console = new StringWriter();
        WebApplication app = LikenessServer.Build(
            ["--urls", "http://127.0.0.1:0", "--Likeness:Home", home, "--environment", "Development", .. settings],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Services.AddSingleton(new Hosting.FirstOwnerConsole(console));
                configure?.Invoke(builder);
            });
        try
        {
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new ServerHost(home, ownHome, ownDatabase, app, new Uri(address), console);
        }
        catch
        {
            await app.DisposeAsync();
            await console.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A new user with a token, as a client that sends it; with <paramref name="project"/>, a member there with
    /// <paramref name="role"/>. The caller disposes the client.
    /// </summary>
    public async Task<Caller> CallerAsync(string name, Guid? project = null, ProjectRole role = ProjectRole.Viewer, bool administrator = false)
    {
        User user = await Services.GetRequiredService<UserBook>().CreateAsync(name, null, administrator);
        if (project is { } id)
        {
            await Services.GetRequiredService<ProjectBook>().AddMemberAsync(id, ProjectRole.Owner, user.Id, role);
        }

        IssuedToken token = await Services.GetRequiredService<TokenBook>().IssueAsync(user.Id, "test");
        return new Caller(user, token.Secret, WithToken(token.Secret));
    }

    /// <summary>A new project owned by a new user, and that owner's client.</summary>
    public async Task<(Project Project, Caller Owner)> ProjectAsync(string name)
    {
        Caller owner = await CallerAsync(name.Replace(' ', '-') + "-owner");
        Project project = await Services.GetRequiredService<ProjectBook>().CreateAsync(name, null, owner.User.Id);
        return (project, owner);
    }

    /// <summary>A client that sends <paramref name="secret"/> as its bearer token.</summary>
    public HttpClient WithToken(string secret)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    /// <summary>
    /// Stops the server without a graceful hand-over: the host is disposed with the stop already cancelled, so running jobs
    /// are abandoned mid-step (their Quartz firing rows stay behind for recovery). Unlike a killed node's, such a step runs
    /// on until the disposed services fail it, as a node's does when its shutdown timeout runs out.
    /// </summary>
    public async ValueTask AbandonAsync()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            await _app.StopAsync(cancelled.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: nothing was waited for.
        }

        await ReleaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await ReleaseAsync();
    }

    private async ValueTask ReleaseAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        await _console.DisposeAsync();
        if (_ownDatabase is not null)
        {
            await _ownDatabase.DisposeAsync();
        }

        _ownHome?.Dispose();
    }
}

/// <summary>A user of a test server, with a token and a client that sends it.</summary>
internal sealed record Caller(User User, string Secret, HttpClient Client);
