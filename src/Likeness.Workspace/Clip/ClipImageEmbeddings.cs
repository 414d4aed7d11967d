using System.Collections.Concurrent;
using Likeness.Core.Assets;
using Likeness.Imaging;

namespace Likeness.Workspace.Clip;

/// <summary>
/// The CLIP image embeddings of stored images (references, shots), kept in memory by model and content hash for the
/// process's life: the bytes under a hash never change, so each image is embedded once per model. The gate's CLIP-I
/// calibration, studies' reference sets and the compare view share it. About 2 KiB an image (512 numbers), not stored.
/// </summary>
public sealed class ClipImageEmbeddings(IAssetStore assets)
{
    private readonly ConcurrentDictionary<(string Model, string Sha256), float[]> _known = new();

    /// <summary>The unit embedding by <paramref name="model"/> of the stored image <paramref name="sha256"/>, decoded upright.</summary>
    public async Task<float[]> OfAsync(ClipEngine model, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_known.TryGetValue((model.Name, sha256), out float[]? known))
        {
            return known;
        }

        byte[] bytes = await assets.ReadAllBytesAsync(sha256, cancellationToken).ConfigureAwait(false);
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        return _known.GetOrAdd((model.Name, sha256), model.EmbedImage(decoded.Image));
    }
}
