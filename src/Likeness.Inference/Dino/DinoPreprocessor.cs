using Likeness.Imaging;
using Likeness.Imaging.Tensors;
using Likeness.Inference.Vision;

namespace Likeness.Inference.Dino;

/// <summary>
/// Hugging Face's <c>BitImageProcessor</c> as configured for facebook/dinov2-*: the shorter side to 256 with PIL's
/// bicubic (longer side <c>int(256 · long / short)</c>), centre crop 224 at floor offsets, <c>(x / 255 - mean) / std</c>
/// with ImageNet's mean and std, into <c>[3, 224, 224]</c>.
/// </summary>
/// <param name="resizeTo">The shorter side after resizing (256).</param>
/// <param name="cropSize">The crop side (224; a multiple of the patch size).</param>
public sealed class DinoPreprocessor(int resizeTo = 256, int cropSize = 224)
{
    /// <summary>ImageNet's mean and std (HF <c>IMAGENET_DEFAULT_MEAN</c> / <c>_STD</c>) after <c>x / 255</c>.</summary>
    public static TensorNormalization ImageNet { get; } = new(255f, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>The shorter side after resizing.</summary>
    public int ResizeTo { get; } = resizeTo > 0 ? resizeTo : throw new ArgumentOutOfRangeException(nameof(resizeTo));

    /// <summary>The output side.</summary>
    public int CropSize { get; } = cropSize > 0 && cropSize <= resizeTo ? cropSize : throw new ArgumentOutOfRangeException(nameof(cropSize));

    /// <summary>Floats written per image.</summary>
    public int PixelCount => 3 * CropSize * CropSize;

    /// <summary>The crop's left and top for a resized image (HF's <c>(size - crop) // 2</c>).</summary>
    public (int Left, int Top) CropOrigin(int width, int height) => ((width - CropSize) / 2, (height - CropSize) / 2);

    /// <summary>Preprocesses <paramref name="image"/> into <paramref name="destination"/>; RGBA drops its alpha first, as HF's <c>convert_rgb</c> does before resizing.</summary>
    public void Preprocess(Image image, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Format == PixelFormat.Rgb24)
        {
            ResizeAndCenterCrop.Apply(image, ResizeTo, CropSize, CropOrigin, ImageNet, destination);
            return;
        }

        using Image rgb = image.ConvertTo(PixelFormat.Rgb24);
        ResizeAndCenterCrop.Apply(rgb, ResizeTo, CropSize, CropOrigin, ImageNet, destination);
    }

    /// <summary>Decodes any image file the imaging library reads (as stored: no EXIF rotation, like PIL's <c>open</c>) and preprocesses it.</summary>
    public float[] PreprocessFile(string path, DecodeOptions? options = null) => ResizeAndCenterCrop.File(path, options, PixelCount, Preprocess);
}
