using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// <c>fal-ai/flux-lora-fast-training</c>: a ZIP of photos (optional same-name <c>.txt</c> captions) in, a LoRA
/// safetensors file and a config JSON out. The emulated LoRA remembers its training photos, so
/// <c>fal-ai/flux-lora</c> renders the same person from it.
/// </summary>
internal sealed class FluxLoraTrainingApp : IFalApp
{
    private const int DefaultSteps = 1000;
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    public string EndpointId => "fal-ai/flux-lora-fast-training";

    public TimeSpan Duration(FalEmulatorOptions options) => options.TrainingDuration;

    public IReadOnlyList<FalProgressLine> Progress(JsonElement input)
    {
        int steps = input.ValueKind == JsonValueKind.Object && input.TryGetProperty("steps", out JsonElement s) && s.TryGetInt32(out int n) && n > 0
            ? n
            : DefaultSteps;
        return [new(0, "Preprocessing the training images"), .. Enumerable.Range(1, 10).Select(k => new FalProgressLine(k / 10.0, $"step {steps * k / 10}/{steps}"))];
    }

    public async Task<FalOutcome> RunAsync(FalAppContext context, CancellationToken cancellationToken)
    {
        var input = new FalInput(context.Input);
        string? url = input.RequiredString("images_data_url");
        string? trigger = input.String("trigger_word", null);
        int steps = input.Int("steps", DefaultSteps, 1, 10000);
        bool createMasks = input.Bool("create_masks", true);
        bool isStyle = input.Bool("is_style", false);
        input.Bool("is_input_format_already_preprocessed", false);
        input.Choice("data_archive_format", "zip", "zip");
        (List<byte[]> Images, int Captions)? set = null;
        if (url is not null)
        {
            byte[]? archive = await context.Fetcher.FetchAsync(url, cancellationToken);
            if (archive is null)
            {
                input.Unreachable(["body", "images_data_url"]);
            }
            else
            {
                set = ReadArchive(archive, input);
            }
        }

        if (input.Failure is { } failure)
        {
            return failure;
        }

        (List<byte[]> images, int captions) = set!.Value;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["trigger_word"] = trigger ?? "",
            ["steps"] = steps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["training_images"] = images.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["emulated_by"] = "Likeness fal emulator",
            ["request_id"] = context.RequestId,
        };
        byte[] lora = FalSafetensors.Lora(metadata, BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(context.RequestId))));
        context.Loras.Remember(lora, images);
        byte[] config = JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["trigger_word"] = trigger,
            ["steps"] = steps,
            ["create_masks"] = createMasks,
            ["is_style"] = isStyle,
            ["images"] = images.Count,
            ["captions"] = captions,
            ["rank"] = 16,
            ["base_model"] = "FLUX.1-dev",
        });
        return new FalOutcome(200, new JsonObject
        {
            ["diffusers_lora_file"] = File(context, lora, "application/octet-stream", "pytorch_lora_weights.safetensors"),
            ["config_file"] = File(context, config, "application/json", "config.json"),
        });
    }

    private static JsonObject File(FalAppContext context, byte[] bytes, string contentType, string fileName) => new()
    {
        ["url"] = context.PutMedia(bytes, contentType, fileName).AbsoluteUri,
        ["content_type"] = contentType,
        ["file_name"] = fileName,
        ["file_size"] = bytes.Length,
    };

    /// <summary>The decodable photos in the archive, and how many of them have a caption file.</summary>
    private static (List<byte[]> Images, int Captions)? ReadArchive(byte[] archive, FalInput input)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
            var names = zip.Entries.Where(e => e.Length > 0).ToDictionary(e => e.FullName, StringComparer.OrdinalIgnoreCase);
            var images = new List<byte[]>();
            int captions = 0;
            foreach (ZipArchiveEntry entry in names.Values.Where(e => ImageExtensions.Contains(Path.GetExtension(e.Name), StringComparer.OrdinalIgnoreCase)))
            {
                using var buffer = new MemoryStream();
                using (Stream stream = entry.Open())
                {
                    stream.CopyTo(buffer);
                }

                using Image? image = FalImageRenderer.TryDecode(buffer.ToArray());
                if (image is null)
                {
                    continue;
                }

                images.Add(buffer.ToArray());
                captions += names.ContainsKey(Path.ChangeExtension(entry.FullName, ".txt")) ? 1 : 0;
            }

            if (images.Count == 0)
            {
                input.Error(["body", "images_data_url"], "The archive contains no images.", "value_error");
                return null;
            }

            return (images, captions);
        }
        catch (InvalidDataException)
        {
            input.Error(["body", "images_data_url"], "The file is not a ZIP archive.", "value_error");
            return null;
        }
    }
}
