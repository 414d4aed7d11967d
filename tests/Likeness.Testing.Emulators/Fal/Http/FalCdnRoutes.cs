using System.Text.Json.Nodes;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Http;

/// <summary>
/// The emulated <c>v3.fal.media</c>: GET serves files (public, like fal's CDN URLs); <c>POST files/upload</c> takes raw
/// bytes with a bearer token from <c>storage/auth/token</c> (the python client's flow) and answers <c>{access_url}</c>.
/// </summary>
internal sealed class FalCdnRoutes(FalCdn cdn, FalCdnTokens tokens, FalEmulatorOptions options)
{
    public FalReply Handle(FalHttpRequest request)
    {
        if (request.Method == "GET")
        {
            return cdn.Get(request.Path) is { } served ? FalReply.Bytes(served.Bytes, served.ContentType)
                : cdn.Expired(request.Path) ? FalReply.Detail(options.ExpiredMediaStatus, "The link has expired.")
                : FalReply.Detail(404, "Not found.");
        }

        if (request.Method != "POST" || request.Path != "files/upload")
        {
            return FalReply.Detail(404, "Not found.");
        }

        if (!tokens.Accepts(request.Authorization))
        {
            return FalReply.Detail(401, "Missing, unknown or expired CDN token.");
        }

        string fileName = request.Header("X-Fal-File-Name") ?? "upload.bin";
        var upload = new FalCdnFile(request.Body, request.ContentType ?? "application/octet-stream", fileName, options.Time.GetUtcNow(), IsResultMedia: false);
        return FalReply.Json(200, new JsonObject { ["access_url"] = cdn.Put(upload).AbsoluteUri });
    }
}
