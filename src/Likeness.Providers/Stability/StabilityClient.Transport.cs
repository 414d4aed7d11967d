using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Providers.Http;
using Likeness.Providers.Stability.Models;

namespace Likeness.Providers.Stability;

/// <summary>The client's transport: the multipart body, the key, the handler stack and reading both answer shapes.</summary>
public partial class StabilityClient
{
    private async Task<StabilityImage> PostAsync(string endpoint, List<KeyValuePair<string, string>> fields, StabilityInputImage? image, CancellationToken cancellationToken)
    {
        string key = Options.Key ?? throw new StabilityException($"No Stability key is configured: set {StabilityClientOptions.KeyVariable} (an sk-… key from platform.stability.ai).");
        long size = fields.Sum(f => (long)f.Value.Length) + (image?.Bytes.Length ?? 0);
        if (size > StabilityClientOptions.MaxBodyBytes)
        {
            // Stability answers 413 past 10 MiB; refusing here saves the round trip.
            throw new ArgumentException($"The request to {endpoint} is {size / (1024.0 * 1024):0.0} MiB, over Stability's 10 MiB limit: send a smaller reference image.");
        }

        var uri = new Uri(Options.BaseUri, endpoint);
        try
        {
            using HttpRequestMessage request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Multipart(fields, image) }.WithKind(RequestKind.Submission);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            request.Headers.Accept.ParseAdd(Options.Accept == StabilityAccept.Json ? "application/json" : "image/*");
            request.Headers.TryAddWithoutValidation("stability-client-id", Options.ClientId);
            request.Headers.TryAddWithoutValidation("stability-client-version", "1.0");
            request.Headers.UserAgent.ParseAdd("likeness-stability/1.0 (dotnet)");
            using HttpResponseMessage response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string? body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                StabilityException error = StabilityException.FromResponse((int)response.StatusCode, body, $"{endpoint}");
                if ((int)response.StatusCode >= 500)
                {
                    // Not re-sent: Stability may have made (and charged) the image before failing.
                    throw new StabilityException(
                        $"{error.Message} Stability may or may not have made (and charged) the image, so it was not sent again.",
                        error.Status, error.RequestId, error.Name, error.Errors, retriable: false, outcomeUnknown: true, innerException: error);
                }

                throw error;
            }

            StabilityImage result = await ReadImageAsync(response, fields, cancellationToken).ConfigureAwait(false);
            StabilityLog.Generated(_log, endpoint, result.FinishReason, result.Seed);
            return result;
        }
        catch (RequestOutcomeUnknownException ex)
        {
            throw new StabilityException($"{endpoint}: {ex.Message}", outcomeUnknown: true, innerException: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new StabilityException($"{endpoint} failed: {ex.Message}", retriable: true, innerException: ex);
        }
    }

    /// <summary>The multipart body; the HTTP library sets the boundary. Buffered, so a retried 429 sends it again unchanged.</summary>
    private static MultipartFormDataContent Multipart(List<KeyValuePair<string, string>> fields, StabilityInputImage? image)
    {
        var content = new MultipartFormDataContent();
        foreach ((string name, string value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        if (image is not null)
        {
            var part = new ReadOnlyMemoryContent(image.Bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(image.ContentType);
            content.Add(part, "image", "image" + Extension(image.ContentType));
        }

        return content;
    }

    /// <summary>Reads <c>application/json</c> (<c>{image, seed, finish_reason}</c>) or raw image bytes with <c>seed</c> and <c>finish-reason</c> headers.</summary>
    private static async Task<StabilityImage> ReadImageAsync(HttpResponseMessage response, List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        // Read unvalidated: Stability's "application/json; type=image/png" has a '/' in a parameter value, which the typed header rejects.
        string contentTypeHeader = response.Content.Headers.NonValidated.TryGetValues("Content-Type", out HeaderStringValues raw) ? raw.ToString() : "";
        string mediaType = contentTypeHeader.Split(';')[0].Trim();
        string format = fields.First(f => f.Key == "output_format").Value;
        if (mediaType == "application/json")
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using JsonDocument doc = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            JsonElement root = doc.RootElement;
            string base64 = root.TryGetProperty("image", out JsonElement image) && image.ValueKind == JsonValueKind.String
                ? image.GetString()!
                : throw new StabilityException("Stability answered 200 without an image.", (int)response.StatusCode);
            long? seed = root.TryGetProperty("seed", out JsonElement s) && s.TryGetInt64(out long value) ? value : null;
            string reason = root.TryGetProperty("finish_reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : StabilityImage.Success;
            string contentType = contentTypeHeader.Split(';').Skip(1).Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("type=", StringComparison.Ordinal))?[5..].Trim('"') ?? "image/" + format;
            return new StabilityImage(Convert.FromBase64String(base64), contentType, seed, reason, IsSimulated(response));
        }

        byte[] bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        long? headerSeed = Header(response, "seed") is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
        return new StabilityImage(bytes, mediaType.Length > 0 ? mediaType : "image/" + format, headerSeed, Header(response, "finish-reason") ?? StabilityImage.Success, IsSimulated(response));
    }

    /// <summary>Likeness's emulator labels its answers; Stability never sends this header.</summary>
    private static bool IsSimulated(HttpResponseMessage response) => Header(response, "likeness-simulated") == "true";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? values.FirstOrDefault() : null;

    private static string Extension(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };
}
