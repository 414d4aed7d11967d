using Likeness.Imaging;
using Likeness.Inference.Tokenization;

namespace Likeness.Inference.Clip;

/// <summary>
/// Images and texts in, CLIP embeddings and scores out: <see cref="ClipPreprocessor"/> + <see cref="ClipTokenizer"/> +
/// <see cref="IClipTowers"/> (our <see cref="ClipModel"/> or another backend). Embeddings are the projected, unnormalised features (HF <c>get_image_features</c> /
/// <c>get_text_features</c>). Batch calls run the images (or texts) through the towers together.
/// </summary>
public sealed class ClipEmbedder : IDisposable
{
    private readonly bool _ownsModel;

    /// <summary>Wraps loaded towers.</summary>
    /// <param name="model">The towers (any backend).</param>
    /// <param name="preprocessor">Preprocessing; default: openai's, at the model's image size.</param>
    /// <param name="ownsModel">Dispose the model with this embedder.</param>
    public ClipEmbedder(IClipTowers model, ClipPreprocessor? preprocessor = null, bool ownsModel = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        Preprocessor = preprocessor ?? new ClipPreprocessor(model.ImageSize);
        if (Preprocessor.PixelCount != model.PixelCount)
        {
            throw new ArgumentException($"The preprocessor makes {Preprocessor.ImageSize}px images; the model takes {model.ImageSize}px.", nameof(preprocessor));
        }

        _ownsModel = ownsModel;
    }

    /// <summary>The towers.</summary>
    public IClipTowers Model { get; }

    /// <summary>The image preprocessing.</summary>
    public ClipPreprocessor Preprocessor { get; }

    /// <summary>The tokenizer (CLIP's own merges).</summary>
    public ClipTokenizer Tokenizer { get; } = ClipTokenizer.Default;

    /// <summary>Loads the model in <paramref name="modelDirectory"/> and wraps it.</summary>
    public static ClipEmbedder Load(string modelDirectory, ClipCropRounding cropRounding = ClipCropRounding.HalfToEven)
    {
        ClipModel model = ClipModel.Load(modelDirectory);
        return new ClipEmbedder(model, new ClipPreprocessor(model.Config.Vision.ImageSize, cropRounding), ownsModel: true);
    }

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

        float[] output = new float[images.Count * Model.EmbeddingDimension];
        Model.EmbedImages(input, images.Count, output);
        return Split(output, images.Count);
    }

    /// <summary>The embedding of an image file (any format the imaging library reads).</summary>
    public float[] EmbedImageFile(string path)
    {
        float[] output = new float[Model.EmbeddingDimension];
        Model.EmbedImages(Preprocessor.PreprocessFile(path), 1, output);
        return output;
    }

    /// <summary>One text's embedding (cut to the context length if longer).</summary>
    public float[] EmbedText(string text) => EmbedTexts([text])[0];

    /// <summary>The embeddings of several texts, run as one batch.</summary>
    public float[][] EmbedTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int context = Model.ContextLength;
        int[][] ids = [.. texts.Select(t => Tokenizer.Tokenize(t, context))];
        float[] output = new float[texts.Count * Model.EmbeddingDimension];
        Model.EmbedTokens(ids, output);
        return Split(output, texts.Count);
    }

    /// <summary>CLIP-I: cosine between two images' embeddings.</summary>
    public float ImageSimilarity(Image a, Image b)
    {
        float[][] embeddings = EmbedImages([a, b]);
        return ClipMetrics.Cosine(embeddings[0], embeddings[1]);
    }

    /// <summary>CLIP-T: how well <paramref name="image"/> matches <paramref name="text"/>.</summary>
    public ClipTextScore TextScore(Image image, string text) => Score(EmbedImage(image), EmbedText(text));

    /// <summary>CLIP-T from embeddings already computed.</summary>
    public ClipTextScore Score(ReadOnlySpan<float> imageEmbedding, ReadOnlySpan<float> textEmbedding)
    {
        float cosine = ClipMetrics.Cosine(imageEmbedding, textEmbedding);
        return new ClipTextScore(cosine, Model.LogitScale * cosine);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsModel)
        {
            Model.Dispose();
        }
    }

    private float[][] Split(float[] flat, int count)
    {
        int dim = Model.EmbeddingDimension;
        var result = new float[count][];
        for (int i = 0; i < count; i++)
        {
            result[i] = flat.AsSpan(i * dim, dim).ToArray();
        }

        return result;
    }
}
