using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Likeness.Server.Ui;

/// <summary>
/// The UI's own CSS and JavaScript, embedded in this assembly (so the CLI's <c>likeness serve</c>, the standalone server
/// and the tests serve the same files with no static-web-assets manifest and no CDN). Each is answered with a strong
/// ETag of its bytes and <c>no-cache</c>: the browser revalidates and gets a 304 until the server is upgraded.
/// </summary>
internal sealed class UiAssets
{
    private const string Prefix = "ui/";

    private readonly FrozenDictionary<string, Asset> _assets;

    public UiAssets()
    {
        Assembly assembly = typeof(UiAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            byte[] bytes = copy.ToArray();
            string name = resource[Prefix.Length..];
            assets[name] = new Asset(bytes, ContentTypeOf(name), new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\""));
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The names of the embedded assets.</summary>
    public IEnumerable<string> Names => _assets.Keys;

    public IResult Serve(string name, HttpContext context)
    {
        if (!_assets.TryGetValue(name, out Asset? asset))
        {
            return TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // Results.Bytes answers If-None-Match with a 304 for this entity tag.
        return TypedResults.Bytes(asset.Bytes, asset.ContentType, entityTag: asset.ETag);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, EntityTagHeaderValue ETag);
}
