using System.IO.Compression;
using System.Text;
using Likeness.Providers.Fal;
using Likeness.Providers.Fal.Models;
using Likeness.Providers.Fal.Storage;

namespace Likeness.Providers.Tests.Fal;

public sealed class FalWireRulesTests
{
    [Theory]
    [InlineData("fal-ai/kling-video/o1/reference-to-video", "fal-ai/kling-video")]
    [InlineData("fal-ai/flux-lora", "fal-ai/flux-lora")]
    [InlineData("fal-ai/flux-lora/stream", "fal-ai/flux-lora")]
    [InlineData("workflows/me/my-flow/run", "workflows/me/my-flow")]
    [InlineData("comfy/me/graph", "comfy/me/graph")]
    public void Status_urls_use_only_owner_and_app(string endpoint, string app) => Assert.Equal(app, FalEndpoint.AppIdOf(endpoint));

    [Theory]
    [InlineData("flux-lora")]
    [InlineData("fal-ai//x")]
    [InlineData("fal-ai/x?y=1")]
    public void Malformed_endpoint_ids_are_refused(string endpoint) => Assert.Throws<ArgumentException>(() => FalEndpoint.Validate(endpoint));

    [Fact]
    public void A_422_carries_fal_validation_details()
    {
        const string body = """{"detail":[{"loc":["body","prompt"],"msg":"field required","type":"value_error.missing"}]}""";
        FalException error = FalException.FromResponse(422, body, "req-9", null, "Request req-9");
        Assert.Equal(422, error.Status);
        Assert.Equal("req-9", error.RequestId);
        Assert.Equal(body, error.Body);
        FalValidationError detail = Assert.Single(error.ValidationErrors);
        Assert.Equal(["body", "prompt"], detail.Location);
        Assert.Equal("field required", detail.Message);
        Assert.Equal("value_error.missing", detail.Type);
        Assert.Contains("body.prompt: field required", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retriable);
        Assert.Equal("fal", error.Provider);
    }

    [Fact]
    public void A_string_detail_and_an_error_type_are_kept()
    {
        FalException error = FalException.FromResponse(504, """{"detail":"Request timed out","error_type":"request_timeout"}""", null, null, "Run");
        Assert.Equal("request_timeout", error.ErrorType);
        Assert.Equal("Request timed out", Assert.Single(error.ValidationErrors).Message);
        Assert.True(error.Retriable);
        Assert.Equal("runner_disconnected", FalException.FromResponse(500, "not json", null, "runner_disconnected", "Run").ErrorType);
    }

    [Fact]
    public void Inputs_serialise_in_snake_case_without_nulls()
    {
        var input = new FluxLoraInput { Prompt = "p", Loras = [new FalLoraWeight("https://x/l.safetensors", 0.8)], ImageSize = new FalImageSize(512, 768), NumInferenceSteps = 20 };
        string json = FalJson.ToElement(input).GetRawText();
        Assert.Equal("""{"loras":[{"path":"https://x/l.safetensors","scale":0.8}],"prompt":"p","image_size":{"width":512,"height":768},"num_inference_steps":20}""", json);
    }

    [Fact]
    public void Data_uris_round_trip()
    {
        byte[] bytes = [1, 2, 3, 250];
        string uri = DataUri.Encode(bytes, "image/png");
        Assert.StartsWith("data:image/png;base64,", uri, StringComparison.Ordinal);
        Assert.True(DataUri.TryDecode(uri, out byte[]? back, out string? type));
        Assert.Equal(bytes, back);
        Assert.Equal("image/png", type);
        Assert.False(DataUri.TryDecode("https://v3.fal.media/x.png", out _, out _));
    }

    [Fact]
    public void Uploaded_references_and_training_images_are_named_by_media_type_webp_included()
    {
        // FalProvider names an uploaded reference with this extension; references may be WebP since the check accepts it.
        Assert.Equal(".webp", TrainingArchive.ExtensionOf("image/webp"));
        Assert.Equal(".jpg", TrainingArchive.ExtensionOf("image/jpeg"));
        Assert.Equal(".png", TrainingArchive.ExtensionOf("IMAGE/PNG"));
        Assert.Throws<ArgumentException>(() => TrainingArchive.ExtensionOf("image/gif"));
    }

    [Fact]
    public void A_training_set_without_captions_packs_images_only()
    {
        byte[] zip = TrainingArchive.Build([new TrainingImage("a", new byte[] { 1 }, "image/jpeg"), new TrainingImage("b", new byte[] { 2 }, "image/png")], "adaqzx");
        Assert.Equal(["a.jpg", "b.png"], Entries(zip).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(zip, TrainingArchive.Build([new TrainingImage("a", new byte[] { 1 }, "image/jpeg"), new TrainingImage("b", new byte[] { 2 }, "image/png")], "adaqzx"));
    }

    [Fact]
    public void A_captioned_set_gets_one_caption_per_image_naming_the_trigger_word()
    {
        byte[] zip = TrainingArchive.Build(
            [new TrainingImage("a", new byte[] { 1 }, "image/jpeg", "a woman in a red coat"), new TrainingImage("b", new byte[] { 2 }, "image/jpeg"), new TrainingImage("c", new byte[] { 3 }, "image/jpeg", "adaqzx smiling")],
            "adaqzx");
        var entries = Entries(zip);
        Assert.Equal(6, entries.Count);
        Assert.Equal("adaqzx, a woman in a red coat", entries["a.txt"]);
        Assert.Equal("adaqzx", entries["b.txt"]);
        Assert.Equal("adaqzx smiling", entries["c.txt"]);
        Assert.Throws<ArgumentException>(() => TrainingArchive.Build([new TrainingImage("a", new byte[] { 1 }, "image/gif")], "t"));
        Assert.Throws<ArgumentException>(() => TrainingArchive.Build([], "t"));
    }

    [Theory]
    [InlineData("step 120/1000", 0.12)]
    [InlineData("Step 1000 / 1000 done", 1.0)]
    public void Training_progress_comes_from_step_lines(string line, double fraction) =>
        Assert.Equal(fraction, FalTrainingOperation.ProgressOf(["preparing", line, "saving"]));

    private static Dictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open(), Encoding.UTF8);
            return reader.ReadToEnd();
        });
    }
}
