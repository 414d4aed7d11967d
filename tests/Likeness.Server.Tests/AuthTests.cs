using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Workspace.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Likeness.Workspace.Persistence;

namespace Likeness.Server.Tests;

/// <summary>Bearer tokens, the first owner's token, cookie sign-in with antiforgery, the rate limit per token, CORS.</summary>
public sealed class AuthTests
{
    private static readonly Uri Projects = new("/api/projects", UriKind.Relative);
    private static readonly Uri Me = new("/api/me", UriKind.Relative);

    [Theory]
    [MemberData(nameof(ServerDatabases.Kinds), MemberType = typeof(ServerDatabases))]
    public async Task A_fresh_home_prints_the_first_owner_token_once_and_it_owns_the_default_project(DatabaseKind kind)
    {
        await using ServerHost server = await ServerHost.StartAsync(database: kind);

        string secret = server.FirstOwnerOutput.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith("lk_", StringComparison.Ordinal));
        using HttpClient owner = server.WithToken(secret);
        JsonElement projects = await owner.GetFromJsonAsync<JsonElement>(Projects);
        JsonElement project = Assert.Single(projects.EnumerateArray());
        Assert.Equal(("default", "owner"), (project.GetProperty("name").GetString(), project.GetProperty("role").GetString()));
        Assert.True((await owner.GetFromJsonAsync<JsonElement>(Me)).GetProperty("isAdministrator").GetBoolean());
        Assert.Null(await server.Services.GetRequiredService<FirstOwner>().EnsureAsync());
    }

    [Fact]
    public async Task Without_a_valid_token_the_api_answers_401_problems()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        Caller ada = await server.CallerAsync("ada");

        await AssertStatus(HttpStatusCode.Unauthorized, await server.Client.GetAsync(Projects));
        using HttpClient forged = server.WithToken("lk_" + new string('A', 43));
        await AssertStatus(HttpStatusCode.Unauthorized, await forged.GetAsync(Projects));
        await AssertStatus(HttpStatusCode.OK, await ada.Client.GetAsync(Projects));

        JsonElement listed = Assert.Single((await ada.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/me/tokens", UriKind.Relative))).EnumerateArray());
        Assert.False(listed.TryGetProperty("secret", out _));
        await AssertStatus(HttpStatusCode.NoContent, await ada.Client.DeleteAsync(new Uri($"/api/me/tokens/{listed.GetProperty("id").GetGuid()}", UriKind.Relative)));
        await AssertStatus(HttpStatusCode.Unauthorized, await ada.Client.GetAsync(Projects));
    }

    [Fact]
    public async Task A_token_issued_through_the_api_is_shown_once_and_works()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        Caller ada = await server.CallerAsync("ada");

        HttpResponseMessage created = await ada.Client.PostAsJsonAsync(new Uri("/api/me/tokens", UriKind.Relative), new { name = "laptop" });
        await AssertStatus(HttpStatusCode.Created, created);
        string secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        using HttpClient laptop = server.WithToken(secret);
        Assert.Equal("ada", (await laptop.GetFromJsonAsync<JsonElement>(Me)).GetProperty("name").GetString());
        string listed = await ada.Client.GetStringAsync(new Uri("/api/me/tokens", UriKind.Relative));
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(ada.Secret, listed, StringComparison.Ordinal);

        HttpResponseMessage unnamed = await ada.Client.PostAsJsonAsync(new Uri("/api/me/tokens", UriKind.Relative), new { name = " " });
        Assert.Equal("name", (await ProblemOf(unnamed, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_browser_signs_in_with_a_password_and_its_unsafe_requests_need_the_antiforgery_token()
    {
        await using ServerHost server = await ServerHost.StartAsync();
        await server.Services.GetRequiredService<UserBook>().CreateAsync("ada", "a long enough password", false);
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = server.Address };

        await AssertStatus(HttpStatusCode.Unauthorized, await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { name = "ada", password = "not the password" }));
        HttpResponseMessage signedIn = await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative), new { name = "ada", password = "a long enough password" });
        await AssertStatus(HttpStatusCode.OK, signedIn);
        JsonElement session = await signedIn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ada", (await browser.GetFromJsonAsync<JsonElement>(Me)).GetProperty("name").GetString());

        // A page on another site can make the browser send the cookie, but cannot read the token.
        HttpResponseMessage forged = await browser.PostAsJsonAsync(Projects, new { name = "Forged" });
        Assert.Equal("X-CSRF-TOKEN", (await ProblemOf(forged, HttpStatusCode.BadRequest)).GetProperty("field").GetString());

        using var request = new HttpRequestMessage(HttpMethod.Post, Projects) { Content = JsonContent.Create(new { name = "Season 2" }) };
        request.Headers.Add(session.GetProperty("antiforgeryHeader").GetString()!, session.GetProperty("antiforgeryToken").GetString());
        await AssertStatus(HttpStatusCode.Created, await browser.SendAsync(request));
    }

    [Fact]
    public async Task Each_token_has_its_own_rate_limit_and_a_refused_request_is_a_429_problem()
    {
        await using ServerHost server = await ServerHost.StartAsync(b =>
        {
            b.Configuration["Likeness:Server:RateLimitPermits"] = "3";
            b.Configuration["Likeness:Server:RateLimitBurst"] = "3";
            b.Configuration["Likeness:Server:RateLimitPeriod"] = "01:00:00";
        });
        Caller ada = await server.CallerAsync("ada");
        Caller bob = await server.CallerAsync("bob");

        for (int i = 0; i < 3; i++)
        {
            await AssertStatus(HttpStatusCode.OK, await ada.Client.GetAsync(Me));
        }

        HttpResponseMessage refused = await ada.Client.GetAsync(Me);
        Assert.Equal("https://likeness.dev/problems/rate-limited", (await ProblemOf(refused, HttpStatusCode.TooManyRequests)).GetProperty("type").GetString());
        Assert.True(refused.Headers.RetryAfter is not null);
        await AssertStatus(HttpStatusCode.OK, await bob.Client.GetAsync(Me));
        await AssertStatus(HttpStatusCode.OK, await server.Client.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task Cors_is_closed_unless_origins_are_configured()
    {
        await using ServerHost closed = await ServerHost.StartAsync();
        await using ServerHost open = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:CorsOrigins:0"] = "https://studio.example");

        Assert.False((await PreflightAsync(closed)).Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://studio.example", Assert.Single((await PreflightAsync(open)).Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(ServerHost server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Projects);
        request.Headers.Add("Origin", "https://studio.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return await server.Client.SendAsync(request);
    }

    internal static async Task AssertStatus(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    internal static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        await AssertStatus(expected, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
