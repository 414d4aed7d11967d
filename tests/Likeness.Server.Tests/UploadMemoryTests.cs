using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Likeness.Imaging;
using Likeness.Server.References.Spooling;
using Likeness.Testing;
using Xunit.Abstractions;
using static Likeness.Server.Tests.AuthTests;

namespace Likeness.Server.Tests;

/// <summary>
/// What one 20 MB reference upload costs the server in memory. Held: the most bytes rented from the shared byte pool
/// and not yet returned at one moment while the request runs (<see cref="PooledMemory"/>; decoded pixels, row buffers
/// and face crops come from there), which must stay a few MB: the file streams to a spooled file that the checks read
/// mapped, by rows (never decoded whole). Allocated: the bytes allocated in the whole process meanwhile
/// (GC.GetTotalAllocatedBytes, which counts every thread, so the awaits of the request are all in it). The spooled file
/// is gone after the request. Also: an upload over the limit is a 413 problem that names the limit. Runs alone, since
/// the pools are the process's.
/// </summary>
[Collection(MemoryMeasurers.Name)]
public sealed class UploadMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_20_MB_upload_holds_a_few_MB_and_allocates_a_fraction_of_its_size_and_one_over_the_limit_names_the_limit()
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

        // Allocations first, with nothing listening (the listener's events would count); then the same upload again
        // (refused, so nothing was stored) while the pools are watched.
        using MultipartFormDataContent form = Form(png);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        using HttpResponseMessage answered = await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), form);
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        using MultipartFormDataContent again = Form(png);
        using var pools = new PooledMemory();
        int bytePool = pools.PoolOf<byte>(), floatPool = pools.PoolOf<float>();
        pools.Start();
        using HttpResponseMessage answeredAgain = await owner.Client.PostAsync(new Uri(refs, UriKind.Relative), again);
        long heldBytes = pools.PeakOf(bytePool), heldFloats = pools.PeakOf(floatPool);
        output.WriteLine($"upload of {png.Length:N0} bytes: {(int)answered.StatusCode}; held at most {heldBytes:N0} bytes from the byte pool " +
            $"({(double)heldBytes / png.Length:0.000} x the file) and {heldFloats:N0} bytes of floats (the face nets' tensors); " +
            $"{allocated:N0} bytes allocated in the process ({(double)allocated / png.Length:0.00} x the file)");

        // Answered (a noise picture has no face: the checks refuse it, after reading it), holding a few MB: rows, the
        // inflater, the fingerprint's shrink, the request's own buffers; not the 20 MB of pixels a whole decode holds
        // (2,600 x 2,600 x 3 bytes, rented from the pool, so allocations alone never showed them). The face detector's
        // float inputs and activations are the face engine's, counted apart.
        Assert.True(answered.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity, answered.StatusCode.ToString());
        Assert.Equal(answered.StatusCode, answeredAgain.StatusCode);
        Assert.InRange(heldBytes, 1, MaxHeldBytes);
        Assert.InRange(allocated, 0, (long)(MaxAllocatedPerFileByte * png.Length));
        Assert.Empty(Directory.EnumerateFileSystemEntries(SpooledFile.FolderUnder(server.Home)));

        await using ServerHost small = await ServerHost.StartAsync(b => b.Configuration["Likeness:Server:MaxUploadBytes"] = "20000");
        var (other, boss) = await small.ProjectAsync("Small");
        await AssertStatus(HttpStatusCode.Created, await boss.Client.PostAsync(new Uri($"/api/projects/{other.Id}/characters", UriKind.Relative), JsonContent("""{"name":"Big"}""")));
        using MultipartFormDataContent tooBig = Form(NoisePng(200, 200));
        JsonElement refused = await ProblemOf(await boss.Client.PostAsync(new Uri($"/api/projects/{other.Id}/characters/Big/references", UriKind.Relative), tooBig), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20000", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    // What the request may hold from the byte pool at once: "a few MB" (issue 14), whatever the file's size.
    private const long MaxHeldBytes = 4_000_000;

    // What the request may allocate per byte of the file: the checks' work, no copy of the file or its pixels.
    private const double MaxAllocatedPerFileByte = 0.25;

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
