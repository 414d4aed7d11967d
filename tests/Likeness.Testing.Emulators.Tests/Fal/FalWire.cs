using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>A raw HttpClient speaking to the emulator, so the tests see the wire exactly, not a client's reading of it.</summary>
internal sealed class FalWire : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public FalWire(string key) => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", key);

    public HttpClient Http => _http;

    public async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, Uri url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        if (text.Length > 0)
        {
            using JsonDocument document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
        }

        return ((int)response.StatusCode, body, response);
    }

    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(Uri url) => SendAsync(HttpMethod.Get, url);

    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(Uri url, string json) => SendAsync(HttpMethod.Post, url, json);

    /// <summary>fal-js's upload: initiate on the REST host, then PUT the bytes (without the key) to the upload URL.</summary>
    public async Task<string> UploadAsync(Uri restUri, byte[] bytes, string contentType, string fileName)
    {
        (int status, JsonElement body, _) = await PostAsync(
            new Uri(restUri, "storage/upload/initiate?storage_type=fal-cdn-v3"),
            JsonSerializer.Serialize(new { content_type = contentType, file_name = fileName }));
        Assert.Equal(200, status);
        using var put = new HttpRequestMessage(HttpMethod.Put, body.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(bytes) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var anonymous = new HttpClient();
        using HttpResponseMessage response = await anonymous.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, $"PUT upload_url answered {(int)response.StatusCode}");
        return body.GetProperty("file_url").GetString()!;
    }

    /// <summary>Submits to the queue and returns the submit answer (asserting a 200).</summary>
    public async Task<JsonElement> SubmitAsync(Uri queueUri, string endpointId, object input, Uri? webhook = null)
    {
        string query = webhook is null ? "" : "?fal_webhook=" + Uri.EscapeDataString(webhook.AbsoluteUri);
        (int status, JsonElement body, _) = await PostAsync(new Uri(queueUri, endpointId + query), JsonSerializer.Serialize(input));
        Assert.Equal(200, status);
        return body;
    }

    /// <summary>GETs one of the URLs a submit answer carries (<c>status_url</c>, <c>response_url</c>), with an optional query.</summary>
    public Task<(int Status, JsonElement Body, HttpResponseMessage Response)> FollowAsync(JsonElement submit, string urlField, string query = "") =>
        GetAsync(new Uri(submit.GetProperty(urlField).GetString() + query));

    public void Dispose() => _http.Dispose();

    public static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
