using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Apps;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// The emulated <c>rest.fal.ai</c> storage flows (providers.md §1.6): initiate + PUT, and initiate-multipart + part
/// PUTs + complete. The upload URLs it hands out need no auth header, as fal's presigned ones do not.
/// </summary>
internal sealed class FalStorageRoutes(Uri restUri, FalCdn cdn, FalCdnTokens tokens, FalEmulatorOptions options)
{
    private const string UploadsPath = "storage/upload/objects/";
    private const string MultipartPath = "storage/upload/multipart/";

    private readonly ConcurrentDictionary<string, FalPendingUpload> _pending = new(StringComparer.Ordinal);

    /// <summary>Whether a path is an upload URL (authorised by its token, not by the key).</summary>
    public static bool IsUploadUrl(string path) =>
        path.StartsWith(UploadsPath, StringComparison.Ordinal) || path.StartsWith(MultipartPath, StringComparison.Ordinal);

    public FalReply Handle(FalHttpRequest request)
    {
        string path = request.Path;
        return (request.Method, path) switch
        {
            ("POST", "storage/upload/initiate") => Initiate(request, UploadsPath),
            ("POST", "storage/upload/initiate-multipart") => Initiate(request, MultipartPath),
            ("POST", "storage/auth/token") => Token(request),
            ("PUT", _) when path.StartsWith(UploadsPath, StringComparison.Ordinal) => PutWhole(request),
            (_, _) when path.StartsWith(MultipartPath, StringComparison.Ordinal) => Multipart(request),
            _ => FalReply.Detail(404, "Not found."),
        };
    }

    private FalReply Initiate(FalHttpRequest request, string uploadsPath)
    {
        if (UnsupportedStorage(request) is { } unsupported)
        {
            return unsupported;
        }

        if (request.JsonBody() is not { } body)
        {
            return FalReply.Detail(400, "Request body is not valid JSON.");
        }

        var input = new FalInput(body);
        string? contentType = input.RequiredString("content_type"), fileName = input.RequiredString("file_name");
        if (input.Failure is { } failure)
        {
            return FalReply.Json(failure.Status, failure.Body);
        }

        string id = Guid.NewGuid().ToString("N");
        var pending = new FalPendingUpload(FalCdn.NewPath(fileName!), contentType!, fileName!, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))
        {
            Lifetime = FalLifecycle.Parse(request.Header("X-Fal-Object-Lifecycle")),
        };
        _pending[id] = pending;
        return FalReply.Json(200, new JsonObject
        {
            ["upload_url"] = new Uri(restUri, $"{uploadsPath}{id}?token={pending.Secret}").AbsoluteUri,
            ["file_url"] = new Uri(cdn.BaseUri, pending.CdnPath).AbsoluteUri,
        });
    }

    /// <summary><c>{token, token_type, base_url, expires_at}</c> for direct CDN uploads.</summary>
    private FalReply Token(FalHttpRequest request)
    {
        if (UnsupportedStorage(request) is { } unsupported)
        {
            return unsupported;
        }

        (string token, DateTimeOffset expires) = tokens.Issue();
        return FalReply.Json(200, new JsonObject
        {
            ["token"] = token,
            ["token_type"] = "Bearer",
            ["base_url"] = cdn.BaseUri.AbsoluteUri.TrimEnd('/'),
            ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private FalReply PutWhole(FalHttpRequest request)
    {
        string id = request.Path[UploadsPath.Length..];
        if (Authorised(id, request) is not { } pending)
        {
            return FalReply.Detail(403, "Invalid or missing upload token.");
        }

        Store(pending, request.Body);
        _pending.TryRemove(id, out _);
        return FalReply.Json(200, new JsonObject());
    }

    private FalReply Multipart(FalHttpRequest request)
    {
        string[] rest = request.Path[MultipartPath.Length..].Split('/');
        if (rest.Length != 2 || Authorised(rest[0], request) is not { } pending)
        {
            return FalReply.Detail(403, "Invalid or missing upload token.");
        }

        if (request.Method == "PUT" && int.TryParse(rest[1], out int partNumber) && partNumber >= 1)
        {
            string etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(request.Body).AsSpan(0, 16))}\"";
            pending.Parts[partNumber] = (request.Body, etag);
            return FalReply.Json(200, new JsonObject { ["partNumber"] = partNumber, ["etag"] = etag });
        }

        return request.Method == "POST" && rest[1] == "complete" ? Complete(rest[0], pending, request) : FalReply.Detail(404, "Not found.");
    }

    private FalReply Complete(string id, FalPendingUpload pending, FalHttpRequest request)
    {
        var parts = new List<(int Number, string ETag)>();
        try
        {
            using JsonDocument doc = JsonDocument.Parse(request.Body);
            foreach (JsonElement part in doc.RootElement.GetProperty("parts").EnumerateArray())
            {
                parts.Add((part.GetProperty("partNumber").GetInt32(), part.GetProperty("etag").GetString() ?? ""));
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return FalReply.Detail(400, "Body must be {\"parts\":[{\"partNumber\":n,\"etag\":\"...\"}]}.");
        }

        if (parts.Count == 0 || parts.Count != pending.Parts.Count
            || parts.Any(p => !pending.Parts.TryGetValue(p.Number, out (byte[] Bytes, string ETag) stored) || stored.ETag != p.ETag))
        {
            return FalReply.Detail(400, "The parts listed do not match the parts uploaded (number or etag).");
        }

        using var whole = new MemoryStream();
        foreach ((int number, _) in parts.OrderBy(p => p.Number))
        {
            whole.Write(pending.Parts[number].Bytes);
        }

        Store(pending, whole.ToArray());
        _pending.TryRemove(id, out _);
        return FalReply.Json(200, new JsonObject { ["file_url"] = new Uri(cdn.BaseUri, pending.CdnPath).AbsoluteUri });
    }

    private static FalReply? UnsupportedStorage(FalHttpRequest request) =>
        request.QueryValue("storage_type") == "fal-cdn-v3" ? null : FalReply.Detail(400, "Unsupported storage_type; the emulator speaks fal-cdn-v3.");

    private FalPendingUpload? Authorised(string id, FalHttpRequest request) =>
        _pending.TryGetValue(id, out FalPendingUpload? pending) && request.QueryValue("token") == pending.Secret ? pending : null;

    private void Store(FalPendingUpload pending, byte[] bytes) =>
        cdn.Store(pending.CdnPath, new FalCdnFile(bytes, pending.ContentType, pending.FileName, options.Time.GetUtcNow(), IsResultMedia: false, pending.Lifetime));
}
