using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Likeness.Testing.Emulators.Astria;
using Likeness.Testing.Emulators.Tests.Fal;

namespace Likeness.Testing.Emulators.Tests.Astria;

/// <summary>The Astria emulator over raw HTTP, field for field (providers.md §3).</summary>
public sealed class AstriaWireTests
{
    private static MultipartFormDataContent Tune(string title, string? branch = "flux1", string? modelType = "lora", string? callback = null, int images = 2)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("woman"), "tune[name]" },
            { new StringContent(title), "tune[title]" },
        };
        foreach ((string key, string? value) in new[] { ("branch", branch), ("model_type", modelType), ("callback", callback), ("base_tune_id", modelType is null ? null : "1504944") })
        {
            if (value is not null)
            {
                form.Add(new StringContent(value), $"tune[{key}]");
            }
        }

        for (int i = 0; i < images; i++)
        {
            var file = new ByteArrayContent(FalTestImages.Png(tint: 60));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "tune[images][]", $"{i}.png");
        }

        return form;
    }

    private static StringContent Prompt(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static HttpClient Client(AstriaEmulator astria, string? key = null) =>
        new() { BaseAddress = astria.BaseUri, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key ?? astria.Key) } };

    [Fact]
    public async Task A_tune_has_no_status_and_trained_at_appears_on_the_emulators_clock()
    {
        var time = new ManualTime();
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { Time = time, QueueDelay = TimeSpan.FromSeconds(1), TrainingDuration = TimeSpan.FromSeconds(10) });
        using HttpClient http = Client(astria);
        using HttpResponseMessage created = await http.PostAsync("tunes", Tune("uuid-1"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        JsonElement tune = await JsonAsync(created);
        long id = tune.GetProperty("id").GetInt64();
        Assert.Equal(("uuid-1", "woman", "flux1", "lora", 1504944L), (tune.GetProperty("title").GetString(), tune.GetProperty("name").GetString(), tune.GetProperty("branch").GetString(), tune.GetProperty("model_type").GetString(), tune.GetProperty("base_tune_id").GetInt64()));
        Assert.False(tune.TryGetProperty("status", out _));
        Assert.Equal(JsonValueKind.Null, tune.GetProperty("trained_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, tune.GetProperty("started_training_at").ValueKind);
        Assert.Equal(2, tune.GetProperty("orig_images").GetArrayLength());

        time.Advance(TimeSpan.FromSeconds(2));
        JsonElement running = await JsonAsync(await http.GetAsync($"tunes/{id}"));
        Assert.Equal(JsonValueKind.String, running.GetProperty("started_training_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("trained_at").ValueKind);
        time.Advance(TimeSpan.FromSeconds(10));
        JsonElement trained = await JsonAsync(await http.GetAsync($"tunes/{id}.json"));
        Assert.Equal(JsonValueKind.String, trained.GetProperty("trained_at").ValueKind);
        Assert.Equal(JsonValueKind.String, trained.GetProperty("expires_at").ValueKind);
        Assert.Equal(id, (await JsonAsync(await http.GetAsync("tunes"))).EnumerateArray().First().GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Validation_is_a_422_with_rails_errors_and_a_wrong_key_a_401()
    {
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync();
        using HttpClient http = Client(astria);
        using HttpResponseMessage invalid = await http.PostAsync("tunes", Tune("", branch: "sd3", images: 0));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        JsonElement errors = await JsonAsync(invalid);
        Assert.Equal("can't be blank", errors.GetProperty("title")[0].GetString());
        Assert.Equal("can't be blank", errors.GetProperty("images")[0].GetString());
        Assert.Equal("is not included in the list", errors.GetProperty("branch")[0].GetString());
        Assert.Equal(0, astria.TuneSubmissions);
        using HttpClient wrong = Client(astria, "sd_wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("tunes")).StatusCode);
    }

    [Fact]
    public async Task A_lora_tune_is_prompted_through_the_flux_base_and_faceid_needs_no_training()
    {
        var time = new ManualTime();
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { Time = time, PromptDuration = TimeSpan.FromSeconds(5) });
        astria.ImageSide = 128;
        using HttpClient http = Client(astria);
        long lora = (await JsonAsync(await http.PostAsync("tunes", Tune("uuid-lora")))).GetProperty("id").GetInt64();
        JsonElement faceId = await JsonAsync(await http.PostAsync("tunes", Tune("uuid-face", branch: null, modelType: "faceid")));
        Assert.Equal(JsonValueKind.String, faceId.GetProperty("trained_at").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.PostAsync($"tunes/1504944/prompts", Prompt($$$"""{"prompt": {"text": "<lora:{{{lora}}}:1> ohwx woman"}}"""))).StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));

        using HttpResponseMessage direct = await http.PostAsync($"tunes/{lora}/prompts", Prompt("""{"prompt": {"text": "ohwx woman"}}"""));
        Assert.Contains("model_type=lora is not supported. Use a checkpoint instead", await direct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        JsonElement prompt = await JsonAsync(await http.PostAsync("tunes/1504944/prompts", Prompt($$$"""{"prompt": {"text": "<lora:{{{lora}}}:1> ohwx woman", "num_images": 2, "seed": 7, "aspect_ratio": "4:5"}}""")));
        long pid = prompt.GetProperty("id").GetInt64();
        Assert.Equal((1504944L, 7L, 0), (prompt.GetProperty("tune_id").GetInt64(), prompt.GetProperty("seed").GetInt64(), prompt.GetProperty("images").GetArrayLength()));
        time.Advance(TimeSpan.FromSeconds(5));
        JsonElement done = await JsonAsync(await http.GetAsync($"tunes/1504944/prompts/{pid}"));
        Assert.Equal(JsonValueKind.String, done.GetProperty("trained_at").ValueKind);
        string[] images = [.. done.GetProperty("images").EnumerateArray().Select(i => i.GetString()!)];
        Assert.Equal(2, images.Length);
        using var anonymous = new HttpClient();
        byte[] jpeg = await anonymous.GetByteArrayAsync(images[0]);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsync("tunes/1504944/prompts", Prompt($$$"""{"prompt": {"text": "<faceid:{{{faceId.GetProperty("id").GetInt64()}}}:1> a woman"}}"""))).StatusCode);
    }

    [Fact]
    public async Task An_sdxl1_tune_is_pti_and_prompted_directly_once_trained_with_its_token_in_the_text()
    {
        var time = new ManualTime();
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { Time = time, PromptDuration = TimeSpan.FromSeconds(5), SdxlBaseTuneId = 700001 });
        astria.ImageSide = 128;
        using HttpClient http = Client(astria);
        JsonElement tune = await JsonAsync(await http.PostAsync("tunes", Tune("uuid-sdxl", branch: "sdxl1", modelType: null)));
        long id = tune.GetProperty("id").GetInt64();
        Assert.Equal(("sdxl1", "pti", "ohwx"), (tune.GetProperty("branch").GetString(), tune.GetProperty("model_type").GetString(), tune.GetProperty("token").GetString()));
        Assert.Equal(JsonValueKind.Null, tune.GetProperty("base_tune_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, tune.GetProperty("trained_at").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await http.PostAsync($"tunes/{id}/prompts", Prompt("""{"prompt": {"text": "ohwx woman"}}"""))).StatusCode);
        time.Advance(TimeSpan.FromMinutes(1));

        using HttpResponseMessage untokened = await http.PostAsync($"tunes/{id}/prompts", Prompt("""{"prompt": {"text": "ohwxy woman on a boat"}}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, untokened.StatusCode);
        Assert.Equal("does not contain the tune's token 'ohwx'", (await JsonAsync(untokened)).GetProperty("text")[0].GetString());
        JsonElement prompt = await JsonAsync(await http.PostAsync($"tunes/{id}/prompts", Prompt("""{"prompt": {"text": "ohwx woman on a boat", "num_images": 2, "seed": 3}}""")));
        Assert.Equal(id, prompt.GetProperty("tune_id").GetInt64());
        time.Advance(TimeSpan.FromSeconds(5));
        JsonElement done = await JsonAsync(await http.GetAsync($"tunes/{id}/prompts/{prompt.GetProperty("id").GetInt64()}"));
        Assert.Equal(2, done.GetProperty("images").GetArrayLength());
        AstriaEmulatedJob sent = astria.Jobs.Single(j => j.Kind == "prompt");
        Assert.Equal((id, "2", "3"), (sent.TuneId, sent.Sent!["num_images"], sent.Sent["seed"]));

        // A tune on the SDXL gallery base takes its branch from it, and is pti whatever model_type says.
        using var onBase = new MultipartFormDataContent
        {
            { new StringContent("man"), "tune[name]" }, { new StringContent("uuid-base"), "tune[title]" }, { new StringContent("700001"), "tune[base_tune_id]" },
            { new StringContent("lora"), "tune[model_type]" }, { new ByteArrayContent(FalTestImages.Png(tint: 60)), "tune[images][]", "0.png" },
        };
        JsonElement based = await JsonAsync(await http.PostAsync("tunes", onBase));
        Assert.Equal(("sdxl1", "pti", 700001L), (based.GetProperty("branch").GetString(), based.GetProperty("model_type").GetString(), based.GetProperty("base_tune_id").GetInt64()));
        Assert.Equal("lora", astria.Jobs.Single(j => j.Title == "uuid-base").Sent!["model_type"]);
    }

    [Fact]
    public async Task Callbacks_carry_the_query_string_go_once_and_can_be_lost_and_a_processed_504_keeps_the_tune()
    {
        var time = new ManualTime();
        await using AstriaEmulator astria = await AstriaEmulator.StartAsync(new AstriaEmulatorOptions { Time = time, TrainingDuration = TimeSpan.FromSeconds(10) });
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(500);
        using HttpClient http = Client(astria);
        string callback = receiver.Url + "?job=a&secret=s3cret";
        long first = (await JsonAsync(await http.PostAsync("tunes", Tune("uuid-a", callback: callback)))).GetProperty("id").GetInt64();
        astria.Faults.Inject(AstriaFault.ProcessedThenTimeout504, 1, "POST", "tunes");
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await http.PostAsync("tunes", Tune("uuid-b", callback: callback))).StatusCode);
        Assert.Equal(2, astria.TuneSubmissions);
        astria.Faults.LoseCallbacks(1);

        time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.HoldsAsync(() => astria.Deliveries.Count == 2, "both callbacks");
        AstriaCallbackDelivery sent = Assert.Single(astria.Deliveries, d => !d.Lost);
        Assert.Single(astria.Deliveries, d => d.Lost && d.Status is null);
        Assert.Equal("?job=a&secret=s3cret", sent.Url.Query);
        // The receiver answered 500 and Astria does not retry: one post only.
        Assert.Equal(500, sent.Status);
        Assert.Single(receiver.Posts);
        JsonElement body = JsonDocument.Parse(receiver.Posts.Single().Body).RootElement;
        Assert.Equal(JsonValueKind.String, body.GetProperty("trained_at").ValueKind);
        Assert.Contains(body.GetProperty("id").GetInt64(), new[] { first, first + 1 });
    }
}
