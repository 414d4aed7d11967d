using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Imaging;
using Likeness.Testing.Emulators.Stability;

namespace Likeness.Testing.Emulators.Tests.Stability;

/// <summary>The Stability emulator over raw HTTP, field for field (providers.md §5).</summary>
public sealed class StabilityWireTests
{
    private const string Sd3 = "v2beta/stable-image/generate/sd3";
    private static readonly byte[] Photo = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg"));

    private static async Task<HttpResponseMessage> PostAsync(StabilityEmulator emulator, string endpoint, Dictionary<string, string> fields, byte[]? image = null, string accept = "application/json", string? key = null)
    {
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent();
        foreach ((string name, string value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (image is not null)
        {
            var part = new ByteArrayContent(image);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "image", "photo.jpg");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUri, endpoint)) { Content = form };
        request.Headers.TryAddWithoutValidation("authorization", $"Bearer {key ?? emulator.Key}");
        request.Headers.TryAddWithoutValidation("accept", accept);
        HttpResponseMessage response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task Json_and_raw_image_answers_carry_the_seed_and_finish_reason_and_say_they_are_simulated()
    {
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 128 });
        var fields = new Dictionary<string, string> { ["prompt"] = "a portrait", ["mode"] = "image-to-image", ["strength"] = "0.3", ["seed"] = "9", ["output_format"] = "png" };

        using HttpResponseMessage json = await PostAsync(emulator, Sd3, fields, Photo);
        Assert.Equal(200, (int)json.StatusCode);
        Assert.Equal("application/json; type=image/png", string.Join(",", json.Content.Headers.NonValidated["Content-Type"]));
        using JsonDocument body = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal(9, body.RootElement.GetProperty("seed").GetInt64());
        Assert.Equal("SUCCESS", body.RootElement.GetProperty("finish_reason").GetString());
        Assert.Equal(ImageFormat.Png, FormatSniffer.Detect(Convert.FromBase64String(body.RootElement.GetProperty("image").GetString()!)));
        Assert.Equal("true", json.Headers.GetValues("likeness-simulated").Single());

        using HttpResponseMessage raw = await PostAsync(emulator, Sd3, fields, Photo, accept: "image/*");
        Assert.Equal("image/png", raw.Content.Headers.ContentType!.MediaType);
        Assert.Equal("9", raw.Headers.GetValues("seed").Single());
        Assert.Equal("SUCCESS", raw.Headers.GetValues("finish-reason").Single());
        Assert.Equal(2, emulator.Submissions(Sd3));
    }

    [Fact]
    public async Task Bad_fields_are_a_400_with_stabilitys_error_shape_and_nothing_is_charged()
    {
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 128 });
        using HttpResponseMessage response = await PostAsync(emulator, Sd3, new() { ["mode"] = "image-to-image", ["output_format"] = "gif", ["strength"] = "2" });
        Assert.Equal(400, (int)response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_request", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(32, body.RootElement.GetProperty("id").GetString()!.Length);
        string[] errors = [.. body.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!)];
        Assert.Contains(errors, e => e.StartsWith("prompt:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("output_format:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("strength:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("image:", StringComparison.Ordinal));
        Assert.Equal(401, (int)(await PostAsync(emulator, Sd3, new() { ["prompt"] = "x" }, key: "sk-other")).StatusCode);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Past_150_requests_in_10_s_every_request_gets_429_for_60_s_on_the_emulators_clock()
    {
        var time = new ManualTime();
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { Time = time, MaxSide = 64, RatePermits = 3 });
        var fields = new Dictionary<string, string> { ["prompt"] = "x", ["seed"] = "1" };
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(200, (int)(await PostAsync(emulator, "v2beta/stable-image/generate/core", fields)).StatusCode);
        }

        using HttpResponseMessage refused = await PostAsync(emulator, "v2beta/stable-image/generate/core", fields);
        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Contains("60 seconds", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(429, (int)(await PostAsync(emulator, "v2beta/stable-image/generate/core", fields)).StatusCode);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(200, (int)(await PostAsync(emulator, "v2beta/stable-image/generate/core", fields)).StatusCode);
        Assert.Equal(2, emulator.RateLimited);
        Assert.Equal(4, emulator.Requests.Count);
    }

    [Fact]
    public async Task Moderation_refuses_with_403_filters_with_a_paid_blurred_image_and_a_large_body_gets_413()
    {
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 64, MaxBodyBytes = 64 * 1024 });
        using HttpResponseMessage refused = await PostAsync(emulator, "v2beta/stable-image/generate/ultra", new() { ["prompt"] = "a forbidden thing" });
        Assert.Equal(403, (int)refused.StatusCode);
        Assert.Contains("content_moderation", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using HttpResponseMessage filtered = await PostAsync(emulator, "v2beta/stable-image/generate/ultra", new() { ["prompt"] = "blurme please" });
        using JsonDocument body = JsonDocument.Parse(await filtered.Content.ReadAsStringAsync());
        Assert.Equal("CONTENT_FILTERED", body.RootElement.GetProperty("finish_reason").GetString());

        using HttpResponseMessage large = await PostAsync(emulator, "v2beta/stable-image/control/structure", new() { ["prompt"] = "x" }, new byte[100 * 1024]);
        Assert.Equal(413, (int)large.StatusCode);
        Assert.Contains("payload_too_large", await large.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("CONTENT_FILTERED", Assert.Single(emulator.Requests).FinishReason);
    }

    [Fact]
    public async Task Lower_strength_keeps_the_reference_person_more_often()
    {
        await using StabilityEmulator emulator = await StabilityEmulator.StartAsync(new StabilityEmulatorOptions { MaxSide = 64 });
        foreach (string strength in new[] { "0.1", "0.9" })
        {
            for (int seed = 1; seed <= 20; seed++)
            {
                var fields = new Dictionary<string, string> { ["prompt"] = "x", ["mode"] = "image-to-image", ["strength"] = strength, ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                Assert.Equal(200, (int)(await PostAsync(emulator, Sd3, fields, Photo)).StatusCode);
            }
        }

        int KeptAt(string strength) => emulator.Requests.Count(r => r.Fields["strength"] == strength && r.Kept);
        Assert.True(KeptAt("0.1") >= 15, $"kept {KeptAt("0.1")} of 20 at strength 0.1");
        Assert.True(KeptAt("0.9") <= 8, $"kept {KeptAt("0.9")} of 20 at strength 0.9");
        Assert.Equal(0.91, StabilityFidelity.KeepProbability(Sd3, new Dictionary<string, string> { ["strength"] = "0.1" }), 3);
        Assert.Equal(0, StabilityFidelity.KeepProbability("v2beta/stable-image/generate/core", new Dictionary<string, string>()));
    }
}
