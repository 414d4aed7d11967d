using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Imaging;
using Likeness.Server.References.Spooling;
using Xunit.Abstractions;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// What one 20 MB reference upload costs the server in memory: the bytes allocated in the whole process while the
/// request runs (GC.GetTotalAllocatedBytes, which counts every thread, so the awaits of the request are all in it),
/// against the file's own size; the file itself streams to a spooled file that the checks read mapped, so it is never
/// on the heap, and the spooled file is gone after the request. Also: an upload over the limit is a 413 problem that
/// names the limit.
/// </summary>
public sealed class UploadMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_20_MB_upload_allocates_a_bounded_multiple_of_its_size_and_one_over_the_limit_names_the_limit()
    {
        await using ServerHost server = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:MaxUploadBytes"] = "30000000");
        var (project, owner) = await server.ProjectAsync("Uploads");
        string refs = $"/api/projects/{project.Id}/characters/Big/references";
        await AssertStatus(HttpStatusCode.Created, await owner.Client.PostAsync(
            new Uri($"/api/projects/{project.Id}/characters", UriKind.Relative), JsonContent("""{"name":"Big"}""")));

        // Noise does not compress: a 2,600 x 2,600 RGB PNG is about 20 MB on the wire and 20 MB of pixels decoded.
        byte[] png = NoisePng(2600, 2600);
        Assert.InRange(png.Length, 19_000_000, 22_000_000);
        using (MultipartFormDataContent warm = Form(NoisePng(64, 64)))
        {
            // The first request pays for the route's and the checks' one-time set-up; it is not measured.
            using HttpResponseMessage warmed = await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), warm);
        }

        using MultipartFormDataContent form = Form(png);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        using HttpResponseMessage answered = await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), form);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"upload of {png.Length:N0} bytes: {(int)answered.StatusCode}, {allocated:N0} bytes allocated in the process ({(double)allocated / png.Length:0.00} x the file)");

        // Answered (a noise picture has no face: the checks refuse it, after reading and decoding it), and bounded:
        // its decoded pixels (2,600 x 2,600 x 3 bytes, rented from the shared pool: allocated unless a buffer that size
        // was returned to it before) and the checks' work on them; no copy of the file (before the spooling the file was
        // read in growing buffers and copied once: 5.0 times the file in all).
        Assert.True(answered.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, answered.StatusCode.ToString());
        Assert.InRange(allocated, 0, MaxAllocatedPerFileByte * png.Length);
        Assert.Empty(Directory.EnumerateFileSystemEntries(SpooledFile.FolderUnder(server.Home)));

        await using ServerHost small = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:MaxUploadBytes"] = "20000");
        var (other, boss) = await small.ProjectAsync("Small");
        await AssertStatus(HttpStatusCode.Created, await boss.Client.PostAsync(new Uri($"/api/projects/{other.Id}/characters", UriKind.Relative), JsonContent("""{"name":"Big"}""")));
        using MultipartFormDataContent tooBig = Form(NoisePng(200, 200));
        JsonElement refused = await ProblemOf(await boss.Client.PostAsync(new Uri($"/api/projects/{other.Id}/characters/Big/references", UriKind.Relative), tooBig), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20000", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // What the request may allocate per byte of the file: the pixels (1x) and the checks' work on them.
    private const long MaxAllocatedPerFileByte = 2;

    private static byte[] NoisePng(int width, int height)
    {
        byte[] pixels = new byte[width * height * 3];
        new Random(7).NextBytes(pixels);
        return ImageEncoder.EncodeToBytes(Image.FromPixels(width, height, PixelFormat.Rgb24, pixels), ImageFormat.Png);
    }

    private static MultipartFormDataContent Form(byte[] file)
    {
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { part, "file", "noise.png" } };
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
