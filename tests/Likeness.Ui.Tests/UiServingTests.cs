using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Server.Tests;

namespace Likeness.Ui.Tests;

/// <summary>How the server answers the UI's requests, without a browser: assets, redirects and cached images.</summary>
public sealed class UiServingTests
{
    [Fact]
    public async Task Assets_are_served_with_an_etag_and_revalidate_to_304_and_an_unknown_one_is_404()
    {
        await using Studio studio = await Studio.StartAsync();
        HttpClient client = studio.Server.Client;
        foreach (string asset in new[] { "likeness.css", "ui.js", "signin.js", "cast.js", "character.js", "shots.js", "gallery.js", "costs.js", "favicon.svg" })
        {
            using HttpResponseMessage first = await client.GetAsync(new Uri("/ui/assets/" + asset, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.CacheControl?.NoCache, asset);
            EntityTagHeaderValue etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException($"{asset} has no ETag");
            Assert.NotEmpty(await first.Content.ReadAsByteArrayAsync());

            using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/ui/assets/" + asset, UriKind.Relative));
            again.Headers.IfNoneMatch.Add(etag);
            using HttpResponseMessage second = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/ui/assets/secrets.json", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_page_without_a_session_redirects_to_sign_in_and_an_image_is_cached_privately_with_its_hash()
    {
        await using Studio studio = await Studio.StartAsync();
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = studio.Server.Address };
        using HttpResponseMessage page = await noRedirects.GetAsync(new Uri(studio.PageOf("/gallery"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.EndsWith($"/ui/sign-in?next={Uri.EscapeDataString(studio.PageOf("/gallery"))}", page.Headers.Location?.OriginalString, StringComparison.Ordinal);

        Character character = await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");
        Caller viewer = await studio.Server.CallerAsync("vic", studio.Project.Id, ProjectRole.Viewer);
        JsonElement[] references = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(new Uri($"/api/projects/{studio.Project.Id}/characters/{character.Id}/references", UriKind.Relative)))!;
        using HttpResponseMessage image = await viewer.Client.GetAsync(new Uri($"/api/projects/{studio.Project.Id}/characters/{character.Id}/references/{references[0].GetProperty("id").GetGuid()}/image", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.True(image.Headers.CacheControl is { Private: true, MaxAge.TotalDays: >= 365 }, image.Headers.CacheControl?.ToString());
        Assert.NotNull(image.Headers.ETag);
        viewer.Client.Dispose();
    }
}
