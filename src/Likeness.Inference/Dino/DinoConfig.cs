using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Inference.HuggingFace;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Dino;

/// <summary>
/// The sizes of a Hugging Face <c>Dinov2Model</c> (<c>model_type</c> <c>dinov2</c>) or <c>Dinov2WithRegistersModel</c>
/// (<c>dinov2_with_registers</c>) from its <c>config.json</c>. Only what the released checkpoints use is accepted:
/// exact GELU, an MLP (not SwiGLU, which only dinov2-giant has), biased Q/K/V, RGB.
/// </summary>
/// <param name="HiddenSize">Width (384 for ViT-S/14).</param>
/// <param name="NumHiddenLayers">Blocks.</param>
/// <param name="NumAttentionHeads">Attention heads.</param>
/// <param name="MlpRatio">MLP width over hidden size.</param>
/// <param name="ImageSize">The side the stored position grid was trained for (518 px: a 37×37 grid).</param>
/// <param name="PatchSize">Patch side (14).</param>
/// <param name="NumRegisterTokens">Register tokens between the class token and the patches (0 without registers).</param>
public sealed record DinoConfig(
    int HiddenSize, int NumHiddenLayers, int NumAttentionHeads, double MlpRatio, int ImageSize, int PatchSize, int NumRegisterTokens)
{
    /// <summary>facebook/dinov2-small (ViT-S/14, 22.1 M parameters).</summary>
    public static DinoConfig Small { get; } = new(384, 12, 6, 4, 518, 14, 0);

    /// <summary>facebook/dinov2-base (ViT-B/14).</summary>
    public static DinoConfig Base { get; } = new(768, 12, 12, 4, 518, 14, 0);

    /// <summary>Architectures for random-weight benchmarks.</summary>
    public static IReadOnlyDictionary<string, DinoConfig> Presets { get; } = new Dictionary<string, DinoConfig>
    {
        ["vit-s-14"] = Small,
        ["vit-b-14"] = Base,
        ["vit-s-14-reg4"] = Small with { NumRegisterTokens = 4 },
    };

    /// <summary>LayerNorm epsilon (1e-6 in every DINOv2).</summary>
    public double LayerNormEps { get; init; } = 1e-6;

    /// <summary>Input channels.</summary>
    public int NumChannels { get; init; } = 3;

    /// <summary>MLP width: <c>int(hidden · mlp_ratio)</c>, as HF computes it.</summary>
    public int IntermediateSize => (int)(HiddenSize * MlpRatio);

    /// <summary>Patches per side of the stored position grid.</summary>
    public int StoredGridSize => ImageSize / PatchSize;

    /// <summary>HF <c>model_type</c>.</summary>
    public string ModelType => NumRegisterTokens > 0 ? "dinov2_with_registers" : "dinov2";

    /// <summary>Reads and checks a <c>config.json</c>; throws <see cref="InvalidModelException"/> naming the field.</summary>
    public static DinoConfig Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses and checks a config's JSON text.</summary>
    public static DinoConfig Parse(string json, string fileName = "config.json")
    {
        var reader = new ConfigReader(fileName);
        JsonObject root = reader.Root(json);
        string? modelType = reader.String(root, "model_type", null);
        bool registers = modelType == "dinov2_with_registers";
        if (modelType != "dinov2" && !registers)
        {
            throw new InvalidModelException(
                $"{fileName}: model_type is '{modelType ?? "(missing)"}', expected 'dinov2' or 'dinov2_with_registers' (a Dinov2Model config).");
        }

        var config = new DinoConfig(
            reader.Int(root, "hidden_size", 768),
            reader.Int(root, "num_hidden_layers", 12),
            reader.Int(root, "num_attention_heads", 12),
            reader.Double(root, "mlp_ratio", 4),
            reader.Int(root, "image_size", 224),
            reader.Int(root, "patch_size", 14),
            registers ? reader.Int(root, "num_register_tokens", 4) : 0)
        {
            LayerNormEps = reader.Double(root, "layer_norm_eps", 1e-6),
            NumChannels = reader.Int(root, "num_channels", 3),
        };

        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new InvalidModelException($"{fileName}: {what}.");
            }
        }

        string act = reader.String(root, "hidden_act", "gelu")!;
        Require(act == "gelu", $"hidden_act '{act}' is not supported (DINOv2 uses the exact 'gelu')");
        Require(!reader.Bool(root, "use_swiglu_ffn", false), "use_swiglu_ffn true (dinov2-giant's SwiGLU MLP) is not supported");
        Require(reader.Bool(root, "qkv_bias", true), "qkv_bias false is not supported (every released DINOv2 has Q/K/V biases)");
        Require(config.HiddenSize > 0 && config.NumHiddenLayers > 0 && config.NumAttentionHeads > 0 && config.IntermediateSize > 0, "sizes must be positive");
        Require(config.HiddenSize % config.NumAttentionHeads == 0,
            string.Create(CultureInfo.InvariantCulture, $"hidden_size {config.HiddenSize} is not divisible by num_attention_heads {config.NumAttentionHeads}"));
        Require(config.PatchSize > 0 && config.ImageSize >= config.PatchSize, "image_size must be at least patch_size");
        Require(config.NumChannels == 3, $"num_channels {config.NumChannels} is not supported (RGB only)");
        Require(config.NumRegisterTokens >= 0, "num_register_tokens must not be negative");
        Require(config.LayerNormEps > 0, "layer_norm_eps must be positive");
        return config;
    }

    /// <summary>The config as HF writes it (for random-weight models).</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray(NumRegisterTokens > 0 ? "Dinov2WithRegistersModel" : "Dinov2Model"),
            ["model_type"] = ModelType,
            ["hidden_size"] = HiddenSize,
            ["num_hidden_layers"] = NumHiddenLayers,
            ["num_attention_heads"] = NumAttentionHeads,
            ["mlp_ratio"] = MlpRatio,
            ["hidden_act"] = "gelu",
            ["layer_norm_eps"] = LayerNormEps,
            ["image_size"] = ImageSize,
            ["patch_size"] = PatchSize,
            ["num_channels"] = NumChannels,
            ["qkv_bias"] = true,
            ["use_swiglu_ffn"] = false,
        };
        if (NumRegisterTokens > 0)
        {
            root["num_register_tokens"] = NumRegisterTokens;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
