using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Likeness.Testing.Emulators.Leonardo;

namespace Likeness.Testing.Emulators.Tests.Leonardo;

/// <summary>The Leonardo emulator over raw HTTP: the presigned form's rules and the generation shapes, field for field.</summary>
public sealed class LeonardoWireTests
{
    [Fact]
    public async Task A_presigned_form_takes_one_upload_within_its_two_minutes()
    {
        var time = new ManualTime();
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { Time = time });
        using HttpClient http = Client(leonardo);
        JsonElement upload = await PresignAsync(http, leonardo);
        Assert.Equal(4, upload.EnumerateObject().Count());
        Dictionary<string, string> fields = JsonSerializer.Deserialize<Dictionary<string, string>>(upload.GetProperty("fields").GetString()!)!;
        Assert.Equal(upload.GetProperty("key").GetString(), fields["key"]);

        Assert.Equal(204, await PostFormAsync(http, upload, fields));
        (int again, string error) = await PostFormWithBodyAsync(http, upload, fields);
        Assert.Equal(403, again);
        Assert.Contains("already used", error, StringComparison.Ordinal);

        JsonElement late = await PresignAsync(http, leonardo);
        time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        (int expired, string expiredError) = await PostFormWithBodyAsync(http, late, JsonSerializer.Deserialize<Dictionary<string, string>>(late.GetProperty("fields").GetString()!)!);
        Assert.Equal(403, expired);
        Assert.Contains("<Code>AccessDenied</Code>", expiredError, StringComparison.Ordinal);
        Assert.Contains("Policy expired", expiredError, StringComparison.Ordinal);
        Assert.Equal((2, 1), (leonardo.InitImagesIssued, leonardo.InitImagesUploaded));
    }

    [Fact]
    public async Task A_generation_is_PENDING_then_COMPLETE_and_bad_fields_are_refused_without_charge()
    {
        var time = new ManualTime();
        await using LeonardoEmulator leonardo = await LeonardoEmulator.StartAsync(new LeonardoEmulatorOptions { Time = time, RunDuration = TimeSpan.FromSeconds(5) });
        using HttpClient http = Client(leonardo);
        JsonElement upload = await PresignAsync(http, leonardo);
        Assert.Equal(204, await PostFormAsync(http, upload, JsonSerializer.Deserialize<Dictionary<string, string>>(upload.GetProperty("fields").GetString()!)!));
        object Body(int width, string strength) => new
        {
            prompt = "a portrait",
            modelId = "aa77f04e-3eec-4034-9c07-d0f619684628",
            width,
            height = 512,
            num_images = 2,
            controlnets = new[] { new { initImageId = upload.GetProperty("id").GetString(), initImageType = "UPLOADED", preprocessorId = 133, strengthType = strength } },
        };

        using HttpResponseMessage bad = await http.PostAsJsonAsync(new Uri(leonardo.ApiUri, "generations"), Body(500, "Mid"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("multiple of 8", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using HttpResponseMessage ultra = await http.PostAsJsonAsync(new Uri(leonardo.ApiUri, "generations"), Body(512, "Ultra"));
        Assert.Equal(400, (int)ultra.StatusCode);
        Assert.Empty(leonardo.Generations);

        using HttpResponseMessage created = await http.PostAsJsonAsync(new Uri(leonardo.ApiUri, "generations"), Body(512, "High"));
        JsonElement job = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sdGenerationJob");
        Assert.Equal(("0.025", "DOLLARS"), (job.GetProperty("cost").GetProperty("amount").GetString(), job.GetProperty("cost").GetProperty("unit").GetString()));
        Uri poll = new(leonardo.ApiUri, "generations/" + job.GetProperty("generationId").GetString());
        JsonElement pending = (await http.GetFromJsonAsync<JsonElement>(poll)).GetProperty("generations_by_pk");
        Assert.Equal("PENDING", pending.GetProperty("status").GetString());
        Assert.Equal(0, pending.GetProperty("generated_images").GetArrayLength());
        time.Advance(TimeSpan.FromSeconds(5));
        JsonElement done = (await http.GetFromJsonAsync<JsonElement>(poll)).GetProperty("generations_by_pk");
        Assert.Equal("COMPLETE", done.GetProperty("status").GetString());
        JsonElement image = done.GetProperty("generated_images")[0];
        using HttpResponseMessage media = await new HttpClient().GetAsync(image.GetProperty("url").GetString());
        Assert.True(media.Headers.Contains("X-Likeness-Simulated"));
        Assert.Equal("image/jpeg", media.Content.Headers.ContentType?.MediaType);

        using var anonymous = new HttpClient();
        Assert.Equal(401, (int)(await anonymous.GetAsync(poll)).StatusCode);
    }

    private static HttpClient Client(LeonardoEmulator leonardo)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", leonardo.Key);
        return http;
    }

    private static async Task<JsonElement> PresignAsync(HttpClient http, LeonardoEmulator leonardo)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync(new Uri(leonardo.ApiUri, "init-image"), new { extension = "jpg" });
        Assert.Equal(200, (int)response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("uploadInitImage");
    }

    private static async Task<int> PostFormAsync(HttpClient http, JsonElement upload, Dictionary<string, string> fields) =>
        (await PostFormWithBodyAsync(http, upload, fields)).Status;

    private static async Task<(int Status, string Body)> PostFormWithBodyAsync(HttpClient http, JsonElement upload, Dictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        foreach ((string name, string value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        form.Add(new ByteArrayContent(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "cast", "obama.jpg"))), "file", "a.jpg");
        using HttpResponseMessage response = await http.PostAsync(upload.GetProperty("url").GetString(), form);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
