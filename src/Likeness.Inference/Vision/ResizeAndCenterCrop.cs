using System.Drawing;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Tensors;

namespace Likeness.Inference.Vision;

/// <summary>
/// The preprocessing CLIP and DINOv2 share: the shorter side to a size with PIL's bicubic (the longer side
/// <c>int(size · long / short)</c>), a centre crop, then <c>(x / 255 - mean) / std</c> into CHW floats.
/// </summary>
internal static class ResizeAndCenterCrop
{
    /// <summary>torchvision's <c>Resize(size)</c> / HF's <c>shortest_edge</c> output size for a <paramref name="width"/> × <paramref name="height"/> input.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int shortEdge)
    {
        // Integer product, float division, truncation, as torchvision 0.14 and HF's get_resize_output_image_size compute it.
        return width <= height
            ? (shortEdge, (int)((double)shortEdge * height / width))
            : ((int)((double)shortEdge * width / height), shortEdge);
    }

    /// <summary>Resizes, crops <paramref name="cropSize"/>² at <paramref name="origin"/>(resized width, height) and normalises into <paramref name="destination"/>.</summary>
    public static void Apply(
        Image image, int shortEdge, int cropSize, Func<int, int, (int Left, int Top)> origin, TensorNormalization normalization, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (destination.Length < 3 * cropSize * cropSize)
        {
            throw new ArgumentException($"Room for {3 * cropSize * cropSize} floats is needed.", nameof(destination));
        }

        (int width, int height) = ResizedSize(image.Width, image.Height, shortEdge);
        using Image resized = Resampler.Resize(image, width, height, ResampleFilter.Bicubic);
        (int left, int top) = origin(width, height);
        ImageTensor.ToChw(resized, destination, normalization, new Rectangle(left, top, cropSize, cropSize));
    }

    /// <summary>Decodes an image file as stored (no EXIF rotation, like PIL's <c>open</c>) and preprocesses it into a new array.</summary>
    public static float[] File(string path, DecodeOptions? options, int pixelCount, SpanAction preprocess)
    {
        using DecodedImage decoded = ImageDecoder.DecodeFile(path, options);
        float[] pixels = new float[pixelCount];
        preprocess(decoded.Image, pixels);
        return pixels;
    }

    /// <summary>A preprocessor's <c>Preprocess(image, destination)</c>.</summary>
    public delegate void SpanAction(Image image, Span<float> destination);
}
