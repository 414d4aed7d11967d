using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Inference.HuggingFace;
using Likeness.Inference.Safetensors;

namespace Likeness.Inference.Clip;

/// <summary>
/// The sizes of a CLIP model as Hugging Face's <c>CLIPConfig</c> (<c>config.json</c>) gives them. Missing keys take
/// HF's defaults (ViT-B/32 sizes); unknown keys are ignored; the two sub-configs are required.
/// </summary>
/// <param name="Text">The text tower.</param>
/// <param name="Vision">The vision tower.</param>
/// <param name="ProjectionDim">Width of the shared embedding space.</param>
public sealed record ClipConfig(ClipTextConfig Text, ClipVisionConfig Vision, int ProjectionDim)
{
    /// <summary>openai/clip-vit-base-patch32.</summary>
    public static ClipConfig VitB32 { get; } = new(
        new ClipTextConfig(49408, 512, 2048, 8, 12, 77),
        new ClipVisionConfig(768, 3072, 12, 12, 224, 32, 3),
        512);

    /// <summary>openai/clip-vit-base-patch16.</summary>
    public static ClipConfig VitB16 { get; } = VitB32 with { Vision = VitB32.Vision with { PatchSize = 16 } };

    /// <summary>openai/clip-vit-large-patch14.</summary>
    public static ClipConfig VitL14 { get; } = new(
        new ClipTextConfig(49408, 768, 3072, 12, 12, 77),
        new ClipVisionConfig(1024, 4096, 16, 24, 224, 14, 3),
        768);

    /// <summary>The presets by the names the CLI takes (<c>vit-b-32</c>, <c>vit-b-16</c>, <c>vit-l-14</c>).</summary>
    public static IReadOnlyDictionary<string, ClipConfig> Presets { get; } = new Dictionary<string, ClipConfig>
    {
        ["vit-b-32"] = VitB32,
        ["vit-b-16"] = VitB16,
        ["vit-l-14"] = VitL14,
    };

    /// <summary>Reads and checks a <c>config.json</c>.</summary>
    public static ClipConfig Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses and checks <c>config.json</c> text; <paramref name="fileName"/> is used in error messages.</summary>
    public static ClipConfig Parse(string json, string fileName = "config.json")
    {
        var reader = new ConfigReader(fileName);
        JsonObject root = reader.Root(json);
        string? modelType = reader.String(root, "model_type", null);
        if (modelType is not null && modelType != "clip")
        {
            throw new InvalidModelException($"{fileName}: model_type is '{modelType}', expected 'clip' (a CLIPModel config).");
        }

        JsonObject text = reader.Section(root, "text_config", "a CLIPModel config has text_config and vision_config");
        JsonObject vision = reader.Section(root, "vision_config", "a CLIPModel config has text_config and vision_config");
        var config = new ClipConfig(
            new ClipTextConfig(
                reader.Int(text, "vocab_size", 49408),
                reader.Int(text, "hidden_size", 512),
                reader.Int(text, "intermediate_size", 2048),
                reader.Int(text, "num_attention_heads", 8),
                reader.Int(text, "num_hidden_layers", 12),
                reader.Int(text, "max_position_embeddings", 77))
            {
                HiddenAct = reader.String(text, "hidden_act", "quick_gelu")!,
                LayerNormEps = reader.Double(text, "layer_norm_eps", 1e-5),
                EosTokenId = reader.Int(text, "eos_token_id", 49407),
            },
            new ClipVisionConfig(
                reader.Int(vision, "hidden_size", 768),
                reader.Int(vision, "intermediate_size", 3072),
                reader.Int(vision, "num_attention_heads", 12),
                reader.Int(vision, "num_hidden_layers", 12),
                reader.Int(vision, "image_size", 224),
                reader.Int(vision, "patch_size", 32),
                reader.Int(vision, "num_channels", 3))
            {
                HiddenAct = reader.String(vision, "hidden_act", "quick_gelu")!,
                LayerNormEps = reader.Double(vision, "layer_norm_eps", 1e-5),
            },
            reader.Int(root, "projection_dim", 512));
        config.Validate(fileName);
        return config;
    }

    /// <summary>The config as HF writes it (enough for <see cref="Parse"/> and HF's <c>CLIPConfig</c>).</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["architectures"] = new JsonArray("CLIPModel"),
            ["model_type"] = "clip",
            ["projection_dim"] = ProjectionDim,
            ["logit_scale_init_value"] = 2.6592,
            ["text_config"] = new JsonObject
            {
                ["model_type"] = "clip_text_model",
                ["vocab_size"] = Text.VocabSize,
                ["max_position_embeddings"] = Text.MaxPositionEmbeddings,
                ["hidden_size"] = Text.HiddenSize,
                ["intermediate_size"] = Text.IntermediateSize,
                ["num_attention_heads"] = Text.NumAttentionHeads,
                ["num_hidden_layers"] = Text.NumHiddenLayers,
                ["hidden_act"] = Text.HiddenAct,
                ["layer_norm_eps"] = Text.LayerNormEps,
                ["bos_token_id"] = 49406,
                ["eos_token_id"] = Text.EosTokenId,
                ["pad_token_id"] = 1,
            },
            ["vision_config"] = new JsonObject
            {
                ["model_type"] = "clip_vision_model",
                ["image_size"] = Vision.ImageSize,
                ["patch_size"] = Vision.PatchSize,
                ["num_channels"] = Vision.NumChannels,
                ["hidden_size"] = Vision.HiddenSize,
                ["intermediate_size"] = Vision.IntermediateSize,
                ["num_attention_heads"] = Vision.NumAttentionHeads,
                ["num_hidden_layers"] = Vision.NumHiddenLayers,
                ["hidden_act"] = Vision.HiddenAct,
                ["layer_norm_eps"] = Vision.LayerNormEps,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private void Validate(string fileName)
    {
        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new InvalidModelException($"{fileName}: {what}.");
            }
        }

        Require(ProjectionDim > 0, "projection_dim must be positive");
        foreach ((string section, int hidden, int inner, int heads, int layers, string act, double eps) in new[]
        {
            ("text_config", Text.HiddenSize, Text.IntermediateSize, Text.NumAttentionHeads, Text.NumHiddenLayers, Text.HiddenAct, Text.LayerNormEps),
            ("vision_config", Vision.HiddenSize, Vision.IntermediateSize, Vision.NumAttentionHeads, Vision.NumHiddenLayers, Vision.HiddenAct, Vision.LayerNormEps),
        })
        {
            Require(hidden > 0 && inner > 0 && heads > 0 && layers > 0, $"{section} sizes must be positive");
            Require(hidden % heads == 0, $"{section}.hidden_size {hidden} is not divisible by num_attention_heads {heads}");
            Require(act == "quick_gelu", $"{section}.hidden_act '{act}' is not supported (CLIP ViT models use quick_gelu)");
            Require(eps > 0, $"{section}.layer_norm_eps must be positive");
        }

        Require(Text.VocabSize >= ClipTextConfig.RequiredVocabulary, $"text_config.vocab_size {Text.VocabSize} is smaller than CLIP's tokenizer needs (49408)");
        Require(Text.MaxPositionEmbeddings >= 2, "text_config.max_position_embeddings must be at least 2");
        Require(Vision.NumChannels == 3, $"vision_config.num_channels {Vision.NumChannels} is not supported (RGB only)");
        Require(Vision.PatchSize > 0 && Vision.ImageSize % Vision.PatchSize == 0,
            $"vision_config.image_size {Vision.ImageSize} is not a multiple of patch_size {Vision.PatchSize}");
    }
}

/// <summary>HF <c>CLIPTextConfig</c> sizes.</summary>
/// <param name="VocabSize">Token embedding rows.</param>
/// <param name="HiddenSize">Width.</param>
/// <param name="IntermediateSize">MLP width.</param>
/// <param name="NumAttentionHeads">Heads.</param>
/// <param name="NumHiddenLayers">Encoder layers.</param>
/// <param name="MaxPositionEmbeddings">Context length.</param>
public sealed record ClipTextConfig(
    int VocabSize, int HiddenSize, int IntermediateSize, int NumAttentionHeads, int NumHiddenLayers, int MaxPositionEmbeddings)
{
    internal const int RequiredVocabulary = 49408;

    /// <summary>Activation (only <c>quick_gelu</c> is supported).</summary>
    public string HiddenAct { get; init; } = "quick_gelu";

    /// <summary>LayerNorm epsilon.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>
    /// End-of-text id. The legacy value 2 (openai/clip-vit-base-patch32's config) means "pool at the largest id",
    /// as HF transformers reads it; both give the same position for CLIP's tokenizer.
    /// </summary>
    public int EosTokenId { get; init; } = 49407;
}

/// <summary>HF <c>CLIPVisionConfig</c> sizes.</summary>
/// <param name="HiddenSize">Width.</param>
/// <param name="IntermediateSize">MLP width.</param>
/// <param name="NumAttentionHeads">Heads.</param>
/// <param name="NumHiddenLayers">Encoder layers.</param>
/// <param name="ImageSize">Input side in pixels.</param>
/// <param name="PatchSize">Patch side in pixels.</param>
/// <param name="NumChannels">Input channels (3).</param>
public sealed record ClipVisionConfig(
    int HiddenSize, int IntermediateSize, int NumAttentionHeads, int NumHiddenLayers, int ImageSize, int PatchSize, int NumChannels)
{
    /// <summary>Activation (only <c>quick_gelu</c> is supported).</summary>
    public string HiddenAct { get; init; } = "quick_gelu";

    /// <summary>LayerNorm epsilon.</summary>
    public double LayerNormEps { get; init; } = 1e-5;

    /// <summary>Patches per side.</summary>
    public int GridSize => ImageSize / PatchSize;

    /// <summary>Tokens: the patches plus the class token.</summary>
    public int TokenCount => (GridSize * GridSize) + 1;
}
