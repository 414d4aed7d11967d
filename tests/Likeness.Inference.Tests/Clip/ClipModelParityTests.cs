using System.Numerics.Tensors;
using System.Text.Json;
using Likeness.Inference.Clip;

namespace Likeness.Inference.Tests.Clip;

/// <summary>
/// The tiny CLIP (F16 weights, HF names) against openai/CLIP's own outputs. Tolerances (absolute): embeddings
/// and normalised embeddings 1e-4, logits 1e-3, per-layer checkpoints 1e-4 (the issue's bounds).
/// </summary>
public sealed class ClipModelParityTests : IDisposable
{
    private const float EmbeddingTolerance = 1e-4f;
    private const float LogitTolerance = 1e-3f;
    private const float CheckpointTolerance = 1e-4f;

    private readonly ClipModel _model = ClipModel.Load(ClipGolden.ModelDirectory);

    [Fact]
    public void Logit_scale_is_read_from_the_weights() =>
        Assert.Equal(ClipGolden.Root.GetProperty("model").GetProperty("logit_scale_exp").GetSingle(), _model.LogitScale, 5e-6f);

    [Theory]
    [InlineData("obama")]
    [InlineData("biden2")]
    [InlineData("rand53x37")]
    public void Image_embeddings_match_OpenAI(string name)
    {
        float[] embedding = new float[_model.EmbeddingDimension];
        _model.EmbedImages(ClipGolden.PixelValues(name), 1, embedding);

        JsonElement golden = ClipGolden.Image(name);
        ClipGolden.AssertClose(ClipGolden.Floats(golden.GetProperty("image_embeds")), embedding, EmbeddingTolerance, name);
        ClipGolden.AssertClose(ClipGolden.Floats(golden.GetProperty("image_embeds_normalized")), Normalized(embedding), EmbeddingTolerance, name + " normalized");
    }

    [Fact]
    public void Batched_images_match_one_at_a_time()
    {
        float[] pixels = [.. ClipGolden.ImageNames.SelectMany(ClipGolden.PixelValues)];
        float[] batch = new float[3 * _model.EmbeddingDimension];
        _model.EmbedImages(pixels, 3, batch);
        for (int i = 0; i < 3; i++)
        {
            JsonElement golden = ClipGolden.Image(ClipGolden.ImageNames[i]);
            ClipGolden.AssertClose(
                ClipGolden.Floats(golden.GetProperty("image_embeds")),
                batch.AsSpan(i * _model.EmbeddingDimension, _model.EmbeddingDimension),
                EmbeddingTolerance,
                ClipGolden.ImageNames[i]);
        }
    }

    [Fact]
    public void Text_embeddings_match_OpenAI()
    {
        JsonElement[] texts = [.. ClipGolden.Root.GetProperty("texts").EnumerateArray()];
        int[][] ids = [.. texts.Select(t => ClipGolden.Ints(t.GetProperty("input_ids")))];
        float[] embeddings = new float[texts.Length * _model.EmbeddingDimension];
        _model.EmbedTokens(ids, embeddings);

        for (int i = 0; i < texts.Length; i++)
        {
            Span<float> embedding = embeddings.AsSpan(i * _model.EmbeddingDimension, _model.EmbeddingDimension);
            ClipGolden.AssertClose(ClipGolden.Floats(texts[i].GetProperty("text_embeds")), embedding, EmbeddingTolerance, $"text {i}");
            ClipGolden.AssertClose(ClipGolden.Floats(texts[i].GetProperty("text_embeds_normalized")), Normalized(embedding), EmbeddingTolerance, $"text {i} normalized");
        }
    }

    [Fact]
    public void Logits_match_OpenAI()
    {
        int dim = _model.EmbeddingDimension;
        float[] pixels = [.. ClipGolden.ImageNames.SelectMany(ClipGolden.PixelValues)];
        float[] images = new float[3 * dim];
        _model.EmbedImages(pixels, 3, images);
        JsonElement[] texts = [.. ClipGolden.Root.GetProperty("texts").EnumerateArray()];
        float[] textEmbeds = new float[texts.Length * dim];
        _model.EmbedTokens([.. texts.Select(t => ClipGolden.Ints(t.GetProperty("input_ids")))], textEmbeds);

        JsonElement[] rows = [.. ClipGolden.Root.GetProperty("logits_per_image").GetProperty("values").EnumerateArray()];
        for (int i = 0; i < 3; i++)
        {
            float[] expected = ClipGolden.Floats(rows[i]);
            for (int t = 0; t < texts.Length; t++)
            {
                float logit = _model.LogitScale * TensorPrimitives.CosineSimilarity(images.AsSpan(i * dim, dim), textEmbeds.AsSpan(t * dim, dim));
                Assert.True(MathF.Abs(logit - expected[t]) <= LogitTolerance, $"logit[{i},{t}] {logit} vs {expected[t]}");
            }
        }
    }

    [Fact]
    public void The_pooled_only_pass_equals_the_observed_full_pass_bit_for_bit()
    {
        // Without an observer the last block runs for the class tokens only; with one, for every token.
        float[] pixels = [.. ClipGolden.ImageNames.SelectMany(ClipGolden.PixelValues)];
        float[] pooledOnly = new float[3 * _model.EmbeddingDimension], full = new float[3 * _model.EmbeddingDimension];
        _model.EmbedImages(pixels, 3, pooledOnly);
        _model.EmbedImages(pixels, 3, full, static (_, _, _) => { });
        Assert.Equal(full, pooledOnly);
    }

    [Fact]
    public void Vision_checkpoints_match_OpenAI()
    {
        JsonElement golden = ClipGolden.Root.GetProperty("debug_hidden_states").GetProperty("vision");
        var seen = new Dictionary<string, float[]>();
        float[] embedding = new float[_model.EmbeddingDimension];
        _model.EmbedImages(ClipGolden.PixelValues("obama"), 1, embedding, (stage, states, width) => seen[stage] = states[..8].ToArray());
        seen["image_embeds"] = embedding[..8];

        AssertCheckpoints(golden, seen);
    }

    [Fact]
    public void Text_checkpoints_match_OpenAI()
    {
        JsonElement golden = ClipGolden.Root.GetProperty("debug_hidden_states").GetProperty("text");
        JsonElement text = ClipGolden.Root.GetProperty("texts")[golden.GetProperty("text_index").GetInt32()];
        int eot = text.GetProperty("eot_index").GetInt32();
        var seen = new Dictionary<string, float[]>();
        float[] embedding = new float[_model.EmbeddingDimension];
        _model.EmbedTokens(
            [ClipGolden.Ints(text.GetProperty("input_ids"))],
            embedding,
            (stage, states, width) => seen[stage] = (stage == "final_layer_norm" ? states[..8] : states.Slice(eot * width, 8)).ToArray());
        seen["text_embeds"] = embedding[..8];

        AssertCheckpoints(golden, seen);
    }

    [Fact]
    public void Text_tower_stops_at_end_of_text()
    {
        JsonElement text = ClipGolden.Root.GetProperty("texts")[0];
        int[] full = ClipGolden.Ints(text.GetProperty("input_ids"));
        int eot = text.GetProperty("eot_index").GetInt32();
        int rows = 0;
        float[] embedding = new float[_model.EmbeddingDimension];
        _model.EmbedTokens([full], embedding, (stage, states, width) => rows = stage == "embeddings" ? states.Length / width : rows);

        Assert.Equal(eot + 1, rows);
    }

    public void Dispose() => _model.Dispose();

    /// <summary>Golden keys start with the stage name the towers report (e.g. "layer_0 output (= HF ...)").</summary>
    private static void AssertCheckpoints(JsonElement golden, Dictionary<string, float[]> seen)
    {
        int compared = 0;
        foreach (JsonProperty checkpoint in golden.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            string stage = checkpoint.Name.Split(' ')[0];
            Assert.True(seen.ContainsKey(stage), $"no checkpoint '{stage}' (have {string.Join(", ", seen.Keys)})");
            ClipGolden.AssertClose(ClipGolden.Floats(checkpoint.Value), seen[stage], CheckpointTolerance, stage);
            compared++;
        }

        Assert.True(compared >= 5, $"only {compared} checkpoints compared");
    }

    private static float[] Normalized(ReadOnlySpan<float> v)
    {
        float[] result = v.ToArray();
        TensorPrimitives.Divide(result, TensorPrimitives.Norm(v), result);
        return result;
    }
}
