using Likeness.Imaging;
using Likeness.Imaging.Tensors;
using Likeness.Inference.Vision;

namespace Likeness.Inference.Clip;

/// <summary>
/// openai/CLIP's <c>_transform(size)</c>: shorter side to <c>size</c> with PIL's bicubic (longer side
/// <c>int(size · long / short)</c>), centre crop, RGB, <c>(x / 255 - mean) / std</c> into <c>[3, size, size]</c>.
/// </summary>
/// <param name="imageSize">The model's input side (224 for ViT-B/32, B/16 and L/14).</param>
/// <param name="cropRounding">openai's half-to-even crop (the default) or Hugging Face's floor.</param>
public sealed class ClipPreprocessor(int imageSize = 224, ClipCropRounding cropRounding = ClipCropRounding.HalfToEven)
{
    /// <summary>The output side.</summary>
    public int ImageSize { get; } = imageSize > 0 ? imageSize : throw new ArgumentOutOfRangeException(nameof(imageSize));

    /// <summary>How odd crop margins are placed.</summary>
    public ClipCropRounding CropRounding { get; } = cropRounding;

    /// <summary>Floats written per image.</summary>
    public int PixelCount => 3 * ImageSize * ImageSize;

    /// <summary>torchvision's <c>Resize(size)</c> output size for a <paramref name="width"/> × <paramref name="height"/> input.</summary>
    public static (int Width, int Height) ResizedSize(int width, int height, int size) => ResizeAndCenterCrop.ResizedSize(width, height, size);

    /// <summary>The crop's left and top for a resized image.</summary>
    public (int Left, int Top) CropOrigin(int width, int height) => (Offset(width), Offset(height));

    /// <summary>Preprocesses <paramref name="image"/> (RGB or RGBA; alpha is dropped after resizing, as openai does) into <paramref name="destination"/>.</summary>
    public void Preprocess(Image image, Span<float> destination) =>
        ResizeAndCenterCrop.Apply(image, ImageSize, ImageSize, CropOrigin, TensorNormalization.Clip, destination);

    /// <summary>Decodes any image file the imaging library reads (as stored: no EXIF rotation, like PIL's <c>open</c>) and preprocesses it.</summary>
    public float[] PreprocessFile(string path, DecodeOptions? options = null) => ResizeAndCenterCrop.File(path, options, PixelCount, Preprocess);

    private int Offset(int length)
    {
        double margin = (length - ImageSize) / 2.0;
        return CropRounding == ClipCropRounding.HalfToEven
            ? (int)Math.Round(margin, MidpointRounding.ToEven)
            : (int)Math.Floor(margin);
    }
}
