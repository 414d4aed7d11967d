using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Imaging;
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
        foreach (string asset in new[] { "likeness.css", "ui.js", "signin.js", "cast.js", "character.js", "shots.js", "gallery.js", "costs.js", "jobs.js", "referenceset.js", "video.js", "compare.js", "rates.js", "ratings.js", "studies.js", "evaluation.css", "route.js", "references.js", "identities.js", "shotpages.js", "favicon.svg" })
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

    [Fact]
    public async Task An_image_asked_with_a_width_is_a_smaller_jpeg_cached_under_its_own_etag_and_a_bad_width_is_refused()
    {
        await using Studio studio = await Studio.StartAsync();
        Character character = await JobClient.CharacterWithReferencesAsync(studio.Server, studio.Project.Id, "Obama");
        Caller viewer = await studio.Server.CallerAsync("vic", studio.Project.Id, ProjectRole.Viewer);
        string references = $"/api/projects/{studio.Project.Id}/characters/{character.Id}/references";
        JsonElement first = (await viewer.Client.GetFromJsonAsync<JsonElement[]>(new Uri(references, UriKind.Relative)))![0];
        string image = $"{references}/{first.GetProperty("id").GetGuid()}/image";
        byte[] full = await viewer.Client.GetByteArrayAsync(new Uri(image, UriKind.Relative));

        // 200 px asked: the 256 px step is made (its height keeps the aspect), far smaller than the original.
        using HttpResponseMessage small = await viewer.Client.GetAsync(new Uri(image + "?w=200", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("image/jpeg", small.Content.Headers.ContentType?.MediaType);
        Assert.True(small.Headers.CacheControl is { Private: true, MaxAge.TotalDays: >= 365 }, small.Headers.CacheControl?.ToString());
        byte[] bytes = await small.Content.ReadAsByteArrayAsync();
        ImageInfo info = ImageDecoder.Identify(bytes);
        using DecodedImage original = ImageDecoder.Decode(full, DecodeOptions.Upright);
        double height = 256.0 * original.Image.Height / original.Image.Width;
        Assert.Equal(256, info.Width);
        Assert.InRange(info.Height, (int)Math.Floor(height), (int)Math.Ceiling(height));
        Assert.True(bytes.Length * 4 < full.Length, $"{bytes.Length} bytes of {full.Length}");
        EntityTagHeaderValue etag = small.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag");
        Assert.EndsWith("-w256\"", etag.Tag, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(image + "?w=256", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        using HttpResponseMessage revalidated = await viewer.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);

        using HttpResponseMessage bad = await viewer.Client.GetAsync(new Uri(image + "?w=3", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("w", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        viewer.Client.Dispose();
    }
}
