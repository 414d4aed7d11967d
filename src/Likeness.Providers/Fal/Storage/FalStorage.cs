using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Likeness.Providers.Http;

namespace Likeness.Providers.Fal.Storage;

/// <summary>
/// fal storage as fal-js does it: <c>POST {rest}storage/upload/initiate?storage_type=fal-cdn-v3</c> for a
/// presigned <c>upload_url</c> and the public <c>file_url</c>, then <c>PUT</c> the bytes; files above
/// <see cref="FalClientOptions.MultipartThresholdBytes"/> go in parts. Small files can travel inline as data URIs.
/// </summary>
public class FalStorage
{
    private const string StorageType = "fal-cdn-v3";
    private readonly FalClient _client = null!;

    internal FalStorage(FalClient client) => _client = client;

    /// <summary>For mocking.</summary>
    protected FalStorage()
    {
    }

    /// <summary>
    /// The URL to put in a model input for this file: a data URI when it is at most
    /// <see cref="FalClientOptions.DataUriMaxBytes"/>, else an uploaded file URL.
    /// </summary>
    public virtual async Task<string> ToInputUrlAsync(ReadOnlyMemory<byte> data, string contentType, string fileName, CancellationToken cancellationToken = default) =>
        data.Length <= _client.Options.DataUriMaxBytes
            ? DataUri.Encode(data.Span, contentType)
            : (await UploadAsync(data, contentType, fileName, cancellationToken).ConfigureAwait(false)).AbsoluteUri;

    /// <summary>Uploads a file and returns its public URL (single PUT, or multipart when large).</summary>
    public virtual async Task<Uri> UploadAsync(ReadOnlyMemory<byte> data, string contentType, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        bool multipart = data.Length > _client.Options.MultipartThresholdBytes;
        Initiated target = await InitiateAsync(multipart ? "initiate-multipart" : "initiate", contentType, fileName, cancellationToken).ConfigureAwait(false);
        if (!multipart)
        {
            using HttpResponseMessage put = await PutAsync(new Uri(target.UploadUrl), data, contentType, "Uploading " + fileName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await UploadPartsAsync(new Uri(target.UploadUrl), data, contentType, fileName, cancellationToken).ConfigureAwait(false);
        }

        return new Uri(target.FileUrl);
    }

    private async Task<Initiated> InitiateAsync(string kind, string contentType, string fileName, CancellationToken cancellationToken)
    {
        var uri = new Uri(_client.Options.RestUri, $"storage/upload/{kind}?storage_type={StorageType}");
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new { content_type = contentType, file_name = fileName });
        // Initiating only mints a presigned URL: nothing is billed, so it is safe to repeat.
        using HttpResponseMessage response = await _client.SendAsync(() => FalClient.JsonRequest(HttpMethod.Post, uri, body), RequestKind.Idempotent, "Starting an upload", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FalClient.ErrorAsync(response, $"Starting the upload of {fileName}", cancellationToken).ConfigureAwait(false);
        }

        return FalJson.Read<Initiated>(await FalClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
    }

    private async Task UploadPartsAsync(Uri uploadUrl, ReadOnlyMemory<byte> data, string contentType, string fileName, CancellationToken cancellationToken)
    {
        int partSize = _client.Options.MultipartPartBytes;
        string path = uploadUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'), query = uploadUrl.Query;
        var parts = new List<Part>();
        for (int offset = 0, number = 1; offset < data.Length; offset += partSize, number++)
        {
            ReadOnlyMemory<byte> chunk = data.Slice(offset, Math.Min(partSize, data.Length - offset));
            using HttpResponseMessage response = await PutAsync(new Uri($"{path}/{number}{query}"), chunk, contentType, $"Uploading part {number} of {fileName}", cancellationToken).ConfigureAwait(false);
            Part part = FalJson.Read<Part>(await FalClient.ReadJsonAsync(response, cancellationToken).ConfigureAwait(false));
            parts.Add(part with { PartNumber = number });
        }

        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new Completion(parts));
        var complete = new Uri($"{path}/complete{query}");
        using HttpResponseMessage done = await _client.SendAsync(() => FalClient.JsonRequest(HttpMethod.Post, complete, body), RequestKind.Idempotent, "Completing an upload", cancellationToken).ConfigureAwait(false);
        if (!done.IsSuccessStatusCode)
        {
            throw await FalClient.ErrorAsync(done, $"Completing the upload of {fileName}", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HttpResponseMessage> PutAsync(Uri uri, ReadOnlyMemory<byte> data, string contentType, string what, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _client.SendAsync(
            () => new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ReadOnlyMemoryContent(data) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } } },
            RequestKind.Idempotent, what, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await FalClient.ErrorAsync(response, what, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    private sealed record Initiated(string UploadUrl, string FileUrl);

    private sealed record Part([property: JsonPropertyName("partNumber")] int PartNumber, [property: JsonPropertyName("etag")] string Etag);

    private sealed record Completion([property: JsonPropertyName("parts")] IReadOnlyList<Part> Parts);
}
