using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

namespace Likeness.Testing.Emulators.Tests.Fal;

public sealed class LoraTests
{
    [Fact]
    public async Task Training_logs_steps_returns_a_real_safetensors_lora_and_flux_lora_renders_the_trained_person()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        string zipUrl = await wire.UploadAsync(fal.RestUri, TrainingZip(tint: 30), "application/zip", "set.zip");

        JsonElement training = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", new { images_data_url = zipUrl, trigger_word = "ohwx", steps = 200 });
        time.Advance(TimeSpan.FromMilliseconds(100 + 300));
        (int status, JsonElement half, _) = await wire.FollowAsync(training, "status_url", "?logs=1");
        Assert.Equal(202, status);
        string[] messages = [.. half.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()!)];
        Assert.Contains("step 100/200", messages);
        Assert.DoesNotContain("step 120/200", messages);

        time.Advance(TimeSpan.FromMilliseconds(300));
        (status, JsonElement output, _) = await wire.FollowAsync(training, "response_url");
        Assert.Equal(200, status);
        Assert.Equal(["config_file", "diffusers_lora_file"], FalWire.Names(output));
        JsonElement loraFile = output.GetProperty("diffusers_lora_file");
        Assert.Equal(["content_type", "file_name", "file_size", "url"], FalWire.Names(loraFile));
        byte[] lora = await wire.Http.GetByteArrayAsync(loraFile.GetProperty("url").GetString());
        Assert.Equal(loraFile.GetProperty("file_size").GetInt32(), lora.Length);
        Assert.InRange(lora.Length, 100_000, 1_000_000);
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(lora);
        using (JsonDocument header = JsonDocument.Parse(lora.AsMemory(8, headerLength)))
        {
            Assert.Equal("ohwx", header.RootElement.GetProperty("__metadata__").GetProperty("trigger_word").GetString());
        }

        byte[] config = await wire.Http.GetByteArrayAsync(output.GetProperty("config_file").GetProperty("url").GetString());
        using (JsonDocument parsed = JsonDocument.Parse(config))
        {
            Assert.Equal(2, parsed.RootElement.GetProperty("images").GetInt32());
        }

        // A copy of the LoRA uploaded elsewhere still carries the person (the emulator keys LoRAs by content).
        string copy = await wire.UploadAsync(fal.RestUri, lora, "application/octet-stream", "copy.safetensors");
        JsonElement generate = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora", new
        {
            prompt = "ohwx on a beach",
            loras = new[] { new { path = copy, scale = 1.0 } },
            image_size = new { width = 48, height = 64 },
            output_format = "png",
        });
        time.Advance(TimeSpan.FromSeconds(1));
        (status, JsonElement images, _) = await wire.FollowAsync(generate, "response_url");
        Assert.Equal(200, status);
        JsonElement image = images.GetProperty("images")[0];
        Assert.Equal("image/png", image.GetProperty("content_type").GetString());
        Assert.InRange(FalTestImages.MeanRed(await wire.Http.GetByteArrayAsync(image.GetProperty("url").GetString())), 0, 60);
    }

    [Fact]
    public async Task Unreachable_lora_paths_and_archives_without_images_fail_with_422_on_completion()
    {
        var time = new ManualTime();
        await using FalEmulator fal = await FalEmulator.StartAsync(new FalEmulatorOptions { Time = time });
        using var wire = new FalWire(fal.Key);
        JsonElement badLora = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora", new
        {
            prompt = "x",
            loras = new[] { new { path = new Uri(fal.CdnUri, "files/none/missing.safetensors").AbsoluteUri, scale = 1.0 } },
        });
        string emptyZip = "data:application/zip;base64," + Convert.ToBase64String(Zip(("notes.txt", Encoding.UTF8.GetBytes("no photos"))));
        JsonElement badSet = await wire.SubmitAsync(fal.QueueUri, "fal-ai/flux-lora-fast-training", new { images_data_url = emptyZip });
        time.Advance(TimeSpan.FromSeconds(2));

        (int status, JsonElement body, _) = await wire.FollowAsync(badLora, "response_url");
        Assert.Equal(422, status);
        JsonElement detail = body.GetProperty("detail")[0];
        Assert.Equal(["loc", "msg", "type"], FalWire.Names(detail));
        Assert.Equal("""["body","loras",0,"path"]""", detail.GetProperty("loc").GetRawText());
        (status, JsonElement completed, _) = await wire.FollowAsync(badLora, "status_url");
        Assert.Equal(200, status);
        Assert.Equal("validation_error", completed.GetProperty("error_type").GetString());

        (status, body, _) = await wire.FollowAsync(badSet, "response_url");
        Assert.Equal(422, status);
        Assert.Equal("""["body","images_data_url"]""", body.GetProperty("detail")[0].GetProperty("loc").GetRawText());
    }

    private static byte[] TrainingZip(byte tint) =>
        Zip(("a.png", FalTestImages.Png(tint: tint)), ("a.txt", Encoding.UTF8.GetBytes("ohwx smiling")), ("b.png", FalTestImages.Png(80, 96, tint)));

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in entries)
            {
                using Stream stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
