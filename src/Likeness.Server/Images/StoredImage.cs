using Likeness.Core.Assets;
using Likeness.Imaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Likeness.Server.Images;

/// <summary>
/// An image from the asset store as a response: streamed (never whole in memory), with the content type its first bytes
/// announce. The store's stream may not seek (S3), so the bytes read to sniff are written first, then the rest. The
/// address names bytes that never change (a reference's, or a shot's n-th image), so the browser keeps them: privately,
/// since they are behind a sign-in, and revalidates with the content hash as ETag only after a year.
/// </summary>
internal static class StoredImage
{
    private const string ImmutablePrivate = "private, max-age=31536000, immutable";

    /// <summary>
    /// The image, or with <paramref name="width"/> its thumbnail (<see cref="ImageThumbnails"/>), cached the same way under
    /// an ETag that names the hash and the width made.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, FileContentHttpResult>> OpenAsync(
        IAssetStore assets, ImageThumbnails thumbnails, string sha256, int? width, HttpResponse response, CancellationToken cancellationToken)
    {
        if (width is { } asked && ImageThumbnails.WidthFor(asked) is { } made)
        {
            response.Headers.CacheControl = ImmutablePrivate;
            Thumbnail thumbnail = await thumbnails.GetAsync(sha256, made, cancellationToken).ConfigureAwait(false);
            // Results.Bytes answers If-None-Match with a 304 for this entity tag.
            return TypedResults.Bytes(thumbnail.Bytes, thumbnail.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha256}-w{made}\""));
        }

        return await OpenAsync(assets, sha256, response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image's bytes as stored, with its content type sniffed.</summary>
    /// <param name="assets">The store.</param>
    /// <param name="sha256">The image's asset id.</param>
    /// <param name="response">The response, for its headers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <param name="perViewer">
    /// True when the address does not name fixed bytes (a blind rating's side, which differs per rater): then nothing is
    /// cached and the content hash is not sent as an ETag, so the response does not link the image to a shot.
    /// </param>
    public static async Task<PushStreamHttpResult> OpenAsync(IAssetStore assets, string sha256, HttpResponse response, CancellationToken cancellationToken, bool perViewer = false)
    {
        response.Headers.CacheControl = perViewer ? "no-store" : ImmutablePrivate;
        Stream stream = await assets.OpenReadAsync(sha256, cancellationToken).ConfigureAwait(false);
        byte[] head = new byte[16];
        int read;
        try
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        string contentType = FormatSniffer.Detect(head.AsSpan(0, read)) switch
        {
            ImageFormat.Jpeg => "image/jpeg",
            ImageFormat.Png => "image/png",
            ImageFormat.WebP => "image/webp",
            _ => "application/octet-stream",
        };
        return TypedResults.Stream(
            async body =>
            {
                await using (stream.ConfigureAwait(false))
                {
                    await body.WriteAsync(head.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    await stream.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
                }
            },
            contentType,
            // Content-addressed: the bytes under a hash never change.
            entityTag: perViewer ? null : new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{sha256}\""));
    }
}
