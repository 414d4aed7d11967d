using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class StorageTests
{
    [Fact]
    public async Task Multipart_upload_joins_parts_in_order_and_checks_etags()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync();
        using var wire = new FalWire(fal.Key);
        (int status, JsonElement initiated, _) = await wire.PostAsync(
            new Uri(fal.RestUri, "storage/upload/initiate-multipart?storage_type=fal-cdn-v3"),
            """{"content_type":"application/zip","file_name":"big.zip"}""");
        Assert.Equal(200, status);
        Assert.Equal(["file_url", "upload_url"], FalWire.Names(initiated));
        var upload = new Uri(initiated.GetProperty("upload_url").GetString()!);
        string path = upload.GetLeftPart(UriPartial.Path), query = upload.Query;
        byte[] first = [.. Enumerable.Repeat((byte)1, 1000)], second = [2, 3, 4];

        using var anonymous = new HttpClient();
        var etags = new List<(int, string)>();
        foreach ((int number, byte[] bytes) in new[] { (2, second), (1, first) })
        {
            using HttpResponseMessage part = await anonymous.PutAsync($"{path}/{number}{query}", new ByteArrayContent(bytes));
            using JsonDocument answer = JsonDocument.Parse(await part.Content.ReadAsStringAsync());
            Assert.Equal(number, answer.RootElement.GetProperty("partNumber").GetInt32());
            etags.Add((number, answer.RootElement.GetProperty("etag").GetString()!));
        }

        (status, _, _) = await wire.PostAsync(new Uri($"{path}/complete{query}"), """{"parts":[{"partNumber":1,"etag":"wrong"},{"partNumber":2,"etag":"x"}]}""");
        Assert.Equal(400, status);
        string parts = JsonSerializer.Serialize(new { parts = etags.Select(e => new { partNumber = e.Item1, etag = e.Item2 }) });
        (status, _, _) = await wire.PostAsync(new Uri($"{path}/complete{query}"), parts);
        Assert.Equal(200, status);
        byte[] whole = await anonymous.GetByteArrayAsync(initiated.GetProperty("file_url").GetString());
        Assert.Equal([.. first, .. second], whole);
    }

    [Fact]
    public async Task Upload_urls_need_their_token_initiate_needs_the_key_and_fields()
    {
        await using FalEmulator fal = await FalEmulator.StartAsync();
        using var wire = new FalWire(fal.Key);
        using var anonymous = new HttpClient();
        using (HttpResponseMessage denied = await anonymous.PostAsync(new Uri(fal.RestUri, "storage/upload/initiate?storage_type=fal-cdn-v3"), new StringContent("{}")))
        {
            Assert.Equal(401, (int)denied.StatusCode);
        }

        (int status, JsonElement body, _) = await wire.PostAsync(new Uri(fal.RestUri, "storage/upload/initiate?storage_type=fal-cdn-v3"), """{"file_name":"a.png"}""");
        Assert.Equal(422, status);
        Assert.Equal("""["body","content_type"]""", body.GetProperty("detail")[0].GetProperty("loc").GetRawText());
        (_, JsonElement initiated, _) = await wire.PostAsync(new Uri(fal.RestUri, "storage/upload/initiate?storage_type=fal-cdn-v3"), """{"content_type":"image/png","file_name":"a.png"}""");
        var upload = new Uri(initiated.GetProperty("upload_url").GetString()!);
        using (HttpResponseMessage forged = await anonymous.PutAsync(upload.GetLeftPart(UriPartial.Path) + "?token=guess", new ByteArrayContent([1])))
        {
            Assert.Equal(403, (int)forged.StatusCode);
        }

        using (HttpResponseMessage missing = await anonymous.GetAsync(initiated.GetProperty("file_url").GetString()))
        {
            Assert.Equal(404, (int)missing.StatusCode);
        }

        using (HttpResponseMessage put = await anonymous.PutAsync(upload, new ByteArrayContent([9, 8, 7])))
        {
            Assert.Equal(200, (int)put.StatusCode);
        }

        using HttpResponseMessage served = await anonymous.GetAsync(initiated.GetProperty("file_url").GetString());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal([9, 8, 7], await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_python_flow_uploads_to_the_cdn_with_a_bearer_token_until_it_expires()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        (int status, JsonElement token, _) = await wire.PostAsync(new Uri(fal.RestUri, "storage/auth/token?storage_type=fal-cdn-v3"), "{}");
        Assert.Equal(200, status);
        Assert.Equal(["base_url", "expires_at", "token", "token_type"], FalWire.Names(token));
        string baseUrl = token.GetProperty("base_url").GetString()!;
        Assert.Equal(fal.CdnUri.AbsoluteUri.TrimEnd('/'), baseUrl);

        using var anonymous = new HttpClient();
        async Task<HttpResponseMessage> UploadAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/files/upload") { Content = new ByteArrayContent([5, 6]) };
            request.Headers.TryAddWithoutValidation("Authorization", $"{token.GetProperty("token_type").GetString()} {token.GetProperty("token").GetString()}");
            request.Headers.Add("X-Fal-File-Name", "tiny.bin");
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            return await anonymous.SendAsync(request);
        }

        using (HttpResponseMessage uploaded = await UploadAsync())
        {
            Assert.Equal(200, (int)uploaded.StatusCode);
            using JsonDocument answer = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync());
            string url = answer.RootElement.GetProperty("access_url").GetString()!;
            Assert.EndsWith("/tiny.bin", url, StringComparison.Ordinal);
            Assert.Equal([5, 6], await anonymous.GetByteArrayAsync(url));
        }

        time.Advance(TimeSpan.FromHours(1));
        using HttpResponseMessage expired = await UploadAsync();
        Assert.Equal(401, (int)expired.StatusCode);
    }
}
