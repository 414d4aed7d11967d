using System.Text;
using Likeness.Core;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Likeness.Server.Studies;

/// <summary>
/// Reads a study file from a request: the body itself (YAML or JSON: <c>application/yaml</c>, <c>text/yaml</c>,
/// <c>application/json</c>, <c>text/plain</c>) or the first file part of a <c>multipart/form-data</c> body. It is text
/// of at most <see cref="MaxBytes"/>; anything longer is refused before it is read whole.
/// </summary>
internal static class StudyUpload
{
    /// <summary>The largest study file taken (a study file is a page of YAML).</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>The content types a study file may be sent as (besides multipart/form-data).</summary>
    public static readonly string[] TextTypes = ["application/yaml", "text/yaml", "application/x-yaml", "application/json", "text/plain"];

    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The multipart envelope adds a little; Kestrel refuses anything longer with 413 as it streams in.
            limit.MaxRequestBodySize = MaxBytes + 16 * 1024;
        }

        MediaTypeHeaderValue? type = MediaTypeHeaderValue.TryParse(request.ContentType, out MediaTypeHeaderValue? parsed) ? parsed : null;
        string mediaType = type?.MediaType.Value ?? string.Empty;
        if (type is not null && mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return await FromMultipartAsync(request, type, cancellationToken).ConfigureAwait(false);
        }

        if (!TextTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidInputException(
                $"Send the study file as the body ({string.Join(", ", TextTypes)}) or as a multipart/form-data file part, not '{(mediaType.Length > 0 ? mediaType : "no content type")}'.", "study");
        }

        return await TextAsync(request.Body, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> FromMultipartAsync(HttpRequest request, MediaTypeHeaderValue type, CancellationToken cancellationToken)
    {
        if (HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new InvalidInputException("The multipart/form-data body has no boundary.", "study");
        }

        var reader = new MultipartReader(boundary, request.Body);
        while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
        {
            if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition) && disposition.IsFileDisposition())
            {
                return await TextAsync(section.Body, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidInputException("The multipart/form-data body has no file part with the study file.", "study");
    }

    // Read in pieces and stopped past the limit, so a long body is never held whole.
    private static async Task<string> TextAsync(Stream body, CancellationToken cancellationToken)
    {
        using var text = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (text.Length + read > MaxBytes)
            {
                throw new InvalidInputException($"The study file is larger than {MaxBytes / 1024} KiB.", "study");
            }

            text.Write(buffer, 0, read);
        }

        if (text.Length == 0)
        {
            throw new InvalidInputException("The study file is empty.", "study");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text.GetBuffer(), 0, (int)text.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidInputException("The study file is not UTF-8 text.", "study");
        }
    }
}
