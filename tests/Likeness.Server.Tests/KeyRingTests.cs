using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Testing;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Server.Tests;

/// <summary>
/// The data-protection key ring lives in the database: a browser signed in on one node is signed in on another node of
/// the same database, and its antiforgery token is accepted there too.
/// </summary>
public sealed class KeyRingTests
{
    private static readonly Uri Me = new("/api/me", UriKind.Relative);

    [PostgresFact]
    public async Task A_cookie_signed_in_on_node_a_works_on_node_b_with_its_antiforgery_token()
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Postgres, home);
        await using ServerHost a = await ServerHost.StartAsync(home.Path, [.. ServerDatabases.Settings(database), "--Likeness:Jobs:NodeId", "node-a"]);
        await using ServerHost b = await ServerHost.StartAsync(home.Path, [.. ServerDatabases.Settings(database), "--Likeness:Jobs:NodeId", "node-b"]);
        await a.Services.GetRequiredService<UserBook>().CreateAsync("ada", "a long enough password", false);

        // One browser: the cookie jar is the same whichever node the load balancer picks.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var toA = new HttpClient(handler, disposeHandler: false) { BaseAddress = a.Address };
        using var toB = new HttpClient(handler, disposeHandler: false) { BaseAddress = b.Address };

        HttpResponseMessage signedIn = await toA.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { name = "ada", password = "a long enough password" });
        await AuthTests.AssertStatus(HttpStatusCode.OK, signedIn);
        JsonElement session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();

        HttpResponseMessage me = await toB.GetAsync(Me);
        await AuthTests.AssertStatus(HttpStatusCode.OK, me);
        Assert.Equal("ada", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/projects", UriKind.Relative)) { Content = JsonContent.Create(new { name = "Season 2" }) };
        request.Headers.Add(session.GetProperty("antiforgeryHeader").GetString()!, session.GetProperty("antiforgeryToken").GetString());
        await AuthTests.AssertStatus(HttpStatusCode.Created, await toB.SendAsync(request));

        // One ring for both: the key that signed it is a row both nodes read.
        await using LikenessDbContext db = await b.Services.GetRequiredService<IDbContextFactory<LikenessDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.KeyRingEntries.CountAsync());
    }

    [Fact]
    public async Task A_cookie_survives_a_restart_and_a_server_on_another_database_does_not_accept_it()
    {
        using var home = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, home);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        await using (ServerHost first = await ServerHost.StartAsync(home.Path, ServerDatabases.Settings(database)))
        {
            await first.Services.GetRequiredService<UserBook>().CreateAsync("ada", "a long enough password", false);
            using var browser = new HttpClient(handler, disposeHandler: false) { BaseAddress = first.Address };
            await AuthTests.AssertStatus(HttpStatusCode.OK, await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { name = "ada", password = "a long enough password" }));
        }

        await using ServerHost second = await ServerHost.StartAsync(home.Path, ServerDatabases.Settings(database));
        using var again = new HttpClient(handler, disposeHandler: false) { BaseAddress = second.Address };
        await AuthTests.AssertStatus(HttpStatusCode.OK, await again.GetAsync(Me));

        // A server on another database has another ring: the same cookie means nothing there.
        await using ServerHost stranger = await ServerHost.StartAsync();
        using var elsewhere = new HttpClient(handler, disposeHandler: false) { BaseAddress = stranger.Address };
        await AuthTests.AssertStatus(HttpStatusCode.Unauthorized, await elsewhere.GetAsync(Me));
    }
}
