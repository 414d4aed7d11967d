using Likeness.Inference.Dino;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Tests.Dino;

/// <summary>Config parsing: both golden configs, the presets' round trip through random weights, and typed refusals naming the field.</summary>
public sealed class DinoConfigTests
{
    [Theory]
    [InlineData(DinoGolden.Plain, 0)]
    [InlineData(DinoGolden.Registers, 4)]
    public void The_golden_configs_parse(string model, int registers)
    {
        DinoConfig config = DinoConfig.Load(Path.Combine(DinoGolden.ModelDirectory(model), "config.json"));

        Assert.Equal((48, 2, 3, 192, 7, registers), (config.HiddenSize, config.NumHiddenLayers, config.NumAttentionHeads, config.IntermediateSize, config.StoredGridSize, config.NumRegisterTokens));
        Assert.Equal(1e-6, config.LayerNormEps);
    }

    [Theory]
    [InlineData("{\"model_type\": \"clip\"}", "model_type is 'clip'")]
    [InlineData("{\"model_type\": \"dinov2\", \"hidden_act\": \"quick_gelu\"}", "hidden_act 'quick_gelu'")]
    [InlineData("{\"model_type\": \"dinov2\", \"use_swiglu_ffn\": true}", "use_swiglu_ffn")]
    [InlineData("{\"model_type\": \"dinov2\", \"use_swiglu_ffn\": \"true\"}", "'use_swiglu_ffn' must be true or false")]
    [InlineData("{\"model_type\": \"dinov2\", \"qkv_bias\": false}", "qkv_bias false")]
    [InlineData("{\"model_type\": \"dinov2\", \"hidden_size\": \"wide\"}", "'hidden_size' must be an integer")]
    [InlineData("{\"model_type\": \"dinov2\", \"hidden_size\": 50, \"num_attention_heads\": 3}", "not divisible")]
    [InlineData("[1]", "not a JSON object")]
    public void Bad_configs_are_refused_naming_the_field(string json, string message)
    {
        var error = Assert.Throws<InvalidModelException>(() => DinoConfig.Parse(json));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_weights_load_through_the_real_loader_with_registers()
    {
        string directory = Directory.CreateTempSubdirectory("likeness-dino-").FullName;
        try
        {
            DinoConfig config = DinoConfig.Small with { NumHiddenLayers = 1, NumRegisterTokens = 4 };
            DinoRandomWeights.WriteModel(directory, config);
            using DinoModel model = DinoModel.Load(directory);

            Assert.Equal(config, model.Config);
            Assert.Equal(1 + 4 + 256, model.TokenCount(224, 224));
            float[] pooled = new float[384];
            model.EmbedImages(new float[3 * 224 * 224], 1, 224, 224, pooled);
            Assert.All(pooled, v => Assert.True(float.IsFinite(v)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_tensor_is_named()
    {
        string directory = Directory.CreateTempSubdirectory("likeness-dino-").FullName;
        try
        {
            File.Copy(Path.Combine(DinoGolden.ModelDirectory(DinoGolden.Plain), "model.safetensors"), Path.Combine(directory, "model.safetensors"));
            DinoConfig plain = DinoConfig.Load(Path.Combine(DinoGolden.ModelDirectory(DinoGolden.Plain), "config.json"));
            File.WriteAllText(Path.Combine(directory, "config.json"), (plain with { NumRegisterTokens = 4 }).ToJson());

            var error = Assert.Throws<InvalidModelException>(() => DinoModel.Load(directory));
            Assert.Contains("embeddings.register_tokens", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
