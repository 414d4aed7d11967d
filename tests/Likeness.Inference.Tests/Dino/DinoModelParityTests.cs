using System.Numerics.Tensors;
using System.Text.Json;
using Likeness.Inference.Dino;
using Likeness.Inference.Tests.Clip;

namespace Likeness.Inference.Tests.Dino;

/// <summary>
/// Both tiny DINOv2 models (without and with 4 registers) against the original facebookresearch/dinov2 code's
/// outputs. Tolerances (absolute, the golden README's): pooled outputs, patch tokens and per-block hidden states
/// 1e-4; the interpolated position rows 1e-5.
/// </summary>
public sealed class DinoModelParityTests
{
    private const float StateTolerance = 1e-4f;
    private const float PositionTolerance = 1e-5f;

    public static TheoryData<string, string> ModelsAndImages { get; } = new()
    {
        { DinoGolden.Plain, "obama" }, { DinoGolden.Plain, "biden2" }, { DinoGolden.Plain, "rand53x37" },
        { DinoGolden.Registers, "obama" }, { DinoGolden.Registers, "biden2" }, { DinoGolden.Registers, "rand53x37" },
    };

    public static TheoryData<string> Models { get; } = [DinoGolden.Plain, DinoGolden.Registers];

    [Theory]
    [MemberData(nameof(ModelsAndImages))]
    public void Pooled_outputs_and_patch_tokens_match_the_original(string model, string image)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        JsonElement golden = DinoGolden.Output(model, image);
        float[] pooled = new float[dino.EmbeddingDimension];
        dino.EmbedImages(DinoGolden.PixelValues(image), 1, 224, 224, pooled);

        ClipGolden.AssertClose(DinoGolden.Floats(golden.GetProperty("pooler_output")), pooled, StateTolerance, $"{model} {image} pooled");
        ClipGolden.AssertClose(
            DinoGolden.Floats(golden.GetProperty("pooler_output_normalized")), Normalized(pooled), StateTolerance, $"{model} {image} normalized");

        float[] tokens = Encode(dino, DinoGolden.PixelValues(image), 224, 224);
        AssertPatchTokens(dino, tokens, golden, $"{model} {image}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void The_first_patch_tokens_match_the_original(string model)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        float[] tokens = Encode(dino, DinoGolden.PixelValues("obama"), 224, 224);

        JsonElement[] first3 = [.. DinoGolden.Output(model, "obama").GetProperty("patch_tokens_first3").EnumerateArray()];
        int d = dino.EmbeddingDimension, firstPatch = 1 + dino.Config.NumRegisterTokens;
        Assert.Equal(3, first3.Length);
        for (int i = 0; i < first3.Length; i++)
        {
            ClipGolden.AssertClose(DinoGolden.Floats(first3[i]), tokens.AsSpan((firstPatch + i) * d, d), StateTolerance, $"{model} patch {i}");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_block_matches_the_original_at_the_first_and_last_token(string model)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        JsonElement golden = DinoGolden.Output(model, "obama");
        int d = dino.EmbeddingDimension, tokens = dino.TokenCount(224, 224);
        var seen = new Dictionary<string, float[]>();
        float[] output = new float[tokens * d];
        dino.EncodeImages(DinoGolden.PixelValues("obama"), 1, 224, 224, output, (stage, states, width) => seen[stage] = states.ToArray());

        JsonElement[] first = [.. golden.GetProperty("hidden_states_token0_per_block").EnumerateArray()];
        JsonElement[] last = [.. golden.GetProperty("hidden_states_token_last_per_block").EnumerateArray()];
        Assert.Equal(dino.Config.NumHiddenLayers, first.Length);
        for (int block = 0; block < first.Length; block++)
        {
            float[] states = seen[$"layer_{block}"];
            ClipGolden.AssertClose(DinoGolden.Floats(first[block]), states.AsSpan(0, d), StateTolerance, $"{model} block {block} token 0");
            ClipGolden.AssertClose(DinoGolden.Floats(last[block]), states.AsSpan((tokens - 1) * d, d), StateTolerance, $"{model} block {block} last token");
        }

        ClipGolden.AssertClose(
            DinoGolden.Floats(golden.GetProperty("last_hidden_state_prenorm_token0")),
            seen[$"layer_{first.Length - 1}"].AsSpan(0, d),
            StateTolerance,
            $"{model} pre-norm token 0");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Interpolated_position_rows_match_the_originals_offset_scale_factor(string model)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        JsonElement golden = DinoGolden.Output(model, "obama");
        int d = dino.EmbeddingDimension;
        ReadOnlySpan<float> positions = dino.PositionEmbeddings(224, 224);

        Assert.Equal(golden.GetProperty("interpolated_position_embeddings_shape")[0].GetInt32() * d, positions.Length);
        int compared = 0;
        foreach (JsonProperty row in golden.GetProperty("interpolated_position_embeddings_rows").EnumerateObject())
        {
            int index = int.Parse(row.Name, System.Globalization.CultureInfo.InvariantCulture);
            ClipGolden.AssertClose(DinoGolden.Floats(row.Value), positions.Slice(index * d, d), PositionTolerance, $"{model} position row {index}");
            compared++;
        }

        Assert.Equal(6, compared);
    }

    [Theory]
    [InlineData(DinoGolden.Plain, "native_98x98", 98, 98)]
    [InlineData(DinoGolden.Plain, "nonsquare_126x182", 126, 182)]
    [InlineData(DinoGolden.Registers, "native_98x98", 98, 98)]
    [InlineData(DinoGolden.Registers, "nonsquare_126x182", 126, 182)]
    public void Native_grid_and_non_square_inputs_match_the_original(string model, string input, int height, int width)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        JsonElement golden = DinoGolden.Extra(model, input);
        Assert.Equal([3, height, width], [.. golden.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32())]);
        float[] pixels = DinoGolden.PixelFile($"pixel_values/{input}.f32le.bin");
        float[] pooled = new float[dino.EmbeddingDimension];
        dino.EmbedImages(pixels, 1, height, width, pooled);

        ClipGolden.AssertClose(DinoGolden.Floats(golden.GetProperty("pooler_output")), pooled, StateTolerance, $"{model} {input} pooled");
        AssertPatchTokens(dino, Encode(dino, pixels, height, width), golden, $"{model} {input}");
    }

    [Fact]
    public void The_native_grid_uses_the_stored_table_uninterpolated()
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(DinoGolden.Plain));
        using var file = Safetensors.SafetensorsFile.Open(Path.Combine(DinoGolden.ModelDirectory(DinoGolden.Plain), DinoModel.WeightsFileName));

        Assert.Equal(file.ReadSingles("embeddings.position_embeddings", 1, 50, 48), dino.PositionEmbeddings(98, 98).ToArray());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Cosine_of_the_two_photos_matches_the_original(string model)
    {
        using DinoModel dino = DinoModel.Load(DinoGolden.ModelDirectory(model));
        int d = dino.EmbeddingDimension;
        float[] pooled = new float[2 * d];
        dino.EmbedImages([.. DinoGolden.PixelValues("obama"), .. DinoGolden.PixelValues("biden2")], 2, 224, 224, pooled);

        float cosine = TensorPrimitives.CosineSimilarity(pooled.AsSpan(0, d), pooled.AsSpan(d, d));
        Assert.Equal(DinoGolden.Model(model).GetProperty("cosine_obama_biden2").GetSingle(), cosine, 1e-5f);
    }

    private static float[] Encode(DinoModel dino, float[] pixels, int height, int width)
    {
        float[] tokens = new float[dino.TokenCount(height, width) * dino.EmbeddingDimension];
        dino.EncodeImages(pixels, 1, height, width, tokens);
        return tokens;
    }

    private static void AssertPatchTokens(DinoModel dino, float[] tokens, JsonElement golden, string what)
    {
        int d = dino.EmbeddingDimension, firstPatch = 1 + dino.Config.NumRegisterTokens, patches = (tokens.Length / d) - firstPatch;
        float[] mean = new float[d];
        for (int p = 0; p < patches; p++)
        {
            TensorPrimitives.Add(mean, tokens.AsSpan((firstPatch + p) * d, d), mean);
        }

        TensorPrimitives.Divide(mean, patches, mean);
        ClipGolden.AssertClose(DinoGolden.Floats(golden.GetProperty("patch_tokens_mean")), mean, StateTolerance, what + " patch mean");
    }

    private static float[] Normalized(float[] v)
    {
        float[] result = [.. v];
        TensorPrimitives.Divide(result, TensorPrimitives.Norm(v), result);
        return result;
    }
}
