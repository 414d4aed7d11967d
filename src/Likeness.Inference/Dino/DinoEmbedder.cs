using Likeness.Imaging;
using Likeness.Inference.Vision;

namespace Likeness.Inference.Dino;

/// <summary>
/// Images in, DINOv2 embeddings and DINO-I scores out: <see cref="DinoPreprocessor"/> + a tower (<see cref="DinoModel"/>,
/// ours, or another backend's <see cref="IImageEmbedder"/>). Embeddings are the pooled outputs (final LayerNorm of the
/// class token, unnormalised); batch calls run the images through the tower together.
/// </summary>
public sealed class DinoEmbedder : IDisposable
{
    private readonly bool _ownsModel;

    /// <summary>Wraps a loaded tower: our <see cref="DinoModel"/> or another backend's.</summary>
    /// <param name="model">The tower.</param>
    /// <param name="preprocessor">Preprocessing; default: HF's for facebook/dinov2-* (256, crop 224).</param>
    /// <param name="ownsModel">Dispose the tower with this embedder.</param>
    public DinoEmbedder(IImageEmbedder model, DinoPreprocessor? preprocessor = null, bool ownsModel = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Preprocessor = preprocessor ?? new DinoPreprocessor();
        if (Preprocessor.CropSize % model.PatchSize != 0)
        {
            throw new ArgumentException($"The crop {Preprocessor.CropSize} is not a multiple of the patch size {model.PatchSize}.", nameof(preprocessor));
        }

        _ownsModel = ownsModel;
    }

    /// <summary>The tower that runs (our <see cref="DinoModel"/> or another backend's).</summary>
    public IImageEmbedder Model { get; }

    /// <summary>The image preprocessing.</summary>
    public DinoPreprocessor Preprocessor { get; }

    /// <summary>Loads the model in <paramref name="modelDirectory"/> and wraps it.</summary>
    public static DinoEmbedder Load(string modelDirectory) => new(DinoModel.Load(modelDirectory), ownsModel: true);

    /// <summary>One image's embedding.</summary>
    public float[] EmbedImage(Image image) => EmbedImages([image])[0];

    /// <summary>The embeddings of several images, run as one batch.</summary>
    public float[][] EmbedImages(IReadOnlyList<Image> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        int pixels = Preprocessor.PixelCount;
        float[] input = new float[images.Count * pixels];
        for (int i = 0; i < images.Count; i++)
        {
            Preprocessor.Preprocess(images[i], input.AsSpan(i * pixels, pixels));
        }

        return Run(input, images.Count);
    }

    /// <summary>The embedding of an image file (any format the imaging library reads).</summary>
    public float[] EmbedImageFile(string path) => Run(Preprocessor.PreprocessFile(path), 1)[0];

    /// <summary>DINO-I: cosine between two images' embeddings.</summary>
    public float ImageSimilarity(Image a, Image b)
    {
        float[][] embeddings = EmbedImages([a, b]);
        return System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(embeddings[0], embeddings[1]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel)
        {
            Model.Dispose();
        }
    }

    private float[][] Run(float[] pixels, int count)
    {
        int dim = Model.EmbeddingDimension, size = Preprocessor.CropSize;
        float[] output = new float[count * dim];
        if (count > 0)
        {
            Model.EmbedImages(pixels, count, size, size, output);
        }

        return [.. Enumerable.Range(0, count).Select(i => output.AsSpan(i * dim, dim).ToArray())];
    }
}
