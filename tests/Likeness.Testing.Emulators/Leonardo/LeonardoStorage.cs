using System.Text;
using Likeness.Testing.Emulators.Fal.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// The S3-style form POST target of presigned init-image uploads: multipart fields (<c>key</c>, <c>Policy</c>, ...)
/// then <c>file</c>. It refuses, as S3 does with 403 and an XML error, a policy it never issued, an expired one,
/// one already used (the emulator's stricter rule: a presigned form is for one upload) and a key that does not match.
/// </summary>
internal sealed class LeonardoStorage(LeonardoEmulatorOptions options, LeonardoApi api)
{
    public async Task<FalReply> HandleAsync(FalHttpRequest request)
    {
        if (request.Method != "POST")
        {
            return S3Error(405, "MethodNotAllowed", "Only form POST uploads are emulated.");
        }

        string? boundary = request.ContentType is { } type && MediaTypeHeaderValue.TryParse(type, out MediaTypeHeaderValue? media)
            ? HeaderUtilities.RemoveQuotes(media.Boundary).Value
            : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return S3Error(412, "PreconditionFailed", "Bucket POST must be of the enclosure-type multipart/form-data.");
        }

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        byte[]? file = null;
        bool fileLast = true;
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition))
            {
                continue;
            }

            string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var buffer = new MemoryStream();
            await section.Body.CopyToAsync(buffer);
            if (name == "file")
            {
                file = buffer.ToArray();
            }
            else
            {
                fileLast &= file is null;
                fields[name] = Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        if (file is null || !fileLast)
        {
            return S3Error(400, "InvalidArgument", "POST requires exactly one file upload per request, after the other fields.");
        }

        if (!fields.TryGetValue("Policy", out string? policy) || api.UploadByPolicy(policy) is not { } upload)
        {
            return S3Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed.");
        }

        if (options.Time.GetUtcNow() > upload.ExpiresAt)
        {
            return S3Error(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
        }

        if (upload.PolicyUsed)
        {
            return S3Error(403, "AccessDenied", "Invalid according to Policy: this presigned form was already used.");
        }

        if (!fields.TryGetValue("key", out string? key) || key != upload.Key)
        {
            return S3Error(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"" + upload.Key + "\"]");
        }

        upload.PolicyUsed = true;
        upload.Bytes = file;
        return new FalReply(204, [], "text/plain", new Dictionary<string, string>());
    }

    private static FalReply S3Error(int status, string code, string message) => new(
        status,
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{System.Security.SecurityElement.Escape(message)}</Message></Error>"),
        "application/xml",
        new Dictionary<string, string>());
}
