using System.Text.Json.Nodes;
using Likeness.Inference.Clip;
using Likeness.Inference.Safetensors;
using Likeness.Inference.Tokenization;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Clip;

public sealed class ClipLoadingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("likeness-clip-").FullName;

    [Fact]
    public void Reads_the_tiny_config()
    {
        ClipConfig config = ClipConfig.Load(RepoPaths.TestData("clip-tiny", "config.json"));

        Assert.Equal(16, config.ProjectionDim);
        Assert.Equal(new ClipVisionConfig(64, 256, 4, 2, 224, 32, 3), config.Vision);
        Assert.Equal(new ClipTextConfig(49408, 32, 128, 2, 2, 77), config.Text);
        Assert.Equal(50, config.Vision.TokenCount);
    }

    [Fact]
    public void Missing_keys_take_HuggingFace_defaults()
    {
        // The real openai/clip-vit-base-patch32 config has no num_channels and the legacy eos_token_id 2.
        ClipConfig config = ClipConfig.Parse("""{"model_type":"clip","text_config":{"eos_token_id":2,"text_config_dict":null},"vision_config":{},"id2label":{}}""");

        Assert.Equal(ClipConfig.VitB32.Vision, config.Vision);
        Assert.Equal(ClipConfig.VitB32.Text with { EosTokenId = 2 }, config.Text);
        Assert.Equal(512, config.ProjectionDim);
    }

    [Theory]
    [InlineData("""{"text_config":{}}""", "missing field 'vision_config'")]
    [InlineData("""{"vision_config":{}}""", "missing field 'text_config'")]
    [InlineData("""{"text_config":{},"vision_config":{"hidden_size":"big"}}""", "field 'hidden_size' must be an integer")]
    [InlineData("""{"text_config":{"hidden_act":"gelu"},"vision_config":{}}""", "text_config.hidden_act 'gelu' is not supported")]
    [InlineData("""{"text_config":{},"vision_config":{"hidden_size":100,"num_attention_heads":12}}""", "not divisible by num_attention_heads")]
    [InlineData("""{"model_type":"bert","text_config":{},"vision_config":{}}""", "model_type is 'bert'")]
    [InlineData("""[1,2]""", "not a JSON object")]
    public void Bad_configs_fail_with_a_clear_message(string json, string expected)
    {
        var ex = Assert.Throws<InvalidModelException>(() => ClipConfig.Parse(json, "config.json"));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_of_the_wrong_shape_name_the_tensor()
    {
        // The tiny weights with a config whose text MLP is 64 wide instead of 128.
        JsonNode config = JsonNode.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "config.json")))!;
        config["text_config"]!["intermediate_size"] = 64;
        string configPath = Path.Combine(_dir, "config.json");
        File.WriteAllText(configPath, config.ToJsonString());

        var ex = Assert.Throws<InvalidModelException>(() => ClipModel.Load(configPath, RepoPaths.TestData("clip-tiny", "model.safetensors")));

        Assert.Equal("text_model.encoder.layers.0.mlp.fc1.weight", ex.TensorName);
        Assert.Contains("has shape [128, 32], expected [64, 32]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Legacy_EOS_token_id_pools_at_the_largest_id_like_HuggingFace()
    {
        // openai/clip-vit-base-patch32's config says eos_token_id 2 (HF: pool at argmax); HF's tokenizer pads with
        // 49407 instead of 0. Both must give the golden embedding of text 0 (1e-4 absolute).
        JsonNode config = JsonNode.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "config.json")))!;
        config["text_config"]!["eos_token_id"] = 2;
        string configPath = Path.Combine(_dir, "config.json");
        File.WriteAllText(configPath, config.ToJsonString());
        using ClipModel model = ClipModel.Load(configPath, RepoPaths.TestData("clip-tiny", "model.safetensors"));
        System.Text.Json.JsonElement text = ClipGolden.Root.GetProperty("texts")[0];
        int[] ids = ClipGolden.Ints(text.GetProperty("input_ids"));
        int[] hfPadded = [.. ids.Select((id, i) => i > text.GetProperty("eot_index").GetInt32() ? ClipTokenizer.EndOfTextId : id)];

        float[] embeddings = new float[2 * model.EmbeddingDimension];
        model.EmbedTokens([ids, hfPadded], embeddings);

        float[] expected = ClipGolden.Floats(text.GetProperty("text_embeds"));
        ClipGolden.AssertClose(expected, embeddings.AsSpan(0, 16), 1e-4f, "zero padded");
        ClipGolden.AssertClose(expected, embeddings.AsSpan(16, 16), 1e-4f, "HF padded");
    }

    [Fact]
    public void Random_ViT_B32_runs_through_the_same_loader()
    {
        // Real ViT-B/32 shapes (151 M parameters), stored F16 to halve the temporary file.
        ClipRandomWeights.WriteModel(_dir, ClipConfig.VitB32, seed: 7, SafetensorsDType.F16);
        using ClipModel model = ClipModel.Load(_dir);

        long parameters;
        using (SafetensorsFile file = SafetensorsFile.Open(Path.Combine(_dir, ClipModel.WeightsFileName)))
        {
            parameters = file.Tensors.Values.Sum(t => t.ElementCount);
        }

        float[] pixels = new float[2 * model.PixelCount];
        var random = new Random(3);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (random.NextSingle() * 4f) - 2f;
        }

        float[] images = new float[2 * model.EmbeddingDimension];
        model.EmbedImages(pixels, 2, images);
        float[] texts = new float[model.EmbeddingDimension];
        model.EmbedTokens([ClipTokenizer.Default.Tokenize("a portrait of a woman with red hair")], texts);

        Assert.InRange(parameters, 151_270_000, 151_290_000);
        Assert.Equal(512, model.EmbeddingDimension);
        Assert.All(images, v => Assert.True(float.IsFinite(v)));
        Assert.All(texts, v => Assert.True(float.IsFinite(v)));
        Assert.NotEqual(images[..512], images[512..]);
        Assert.Contains(images, v => v != 0f);
        Assert.Contains(texts, v => v != 0f);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
