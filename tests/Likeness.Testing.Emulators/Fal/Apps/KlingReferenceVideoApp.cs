using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// <c>fal-ai/kling-video/o1/reference-to-video</c>: elements (a frontal image and 1–3 references each) and style
/// images in, a video out. Every image URL is downloaded; more than 7 inputs in all is a 422. The "video" is an
/// MP4 <c>ftyp</c> box followed by filler sized by the duration: right shape and headers, not playable.
/// </summary>
internal sealed class KlingReferenceVideoApp : IFalApp
{
    /// <summary>fal's limit on elements plus reference images (how fal counts an element's own references is UNCONFIRMED: see the README).</summary>
    private const int MaxInputs = 7;
    private const int BytesPerSecond = 4096;

    public string EndpointId => "fal-ai/kling-video/o1/reference-to-video";

    public TimeSpan Duration(FalEmulatorOptions options) => options.RunDuration;

    public IReadOnlyList<FalProgressLine> Progress(JsonElement input) =>
        [new(0, "Encoding reference elements"), new(0.5, "Rendering video frames")];

    public async Task<FalOutcome> RunAsync(FalAppContext context, CancellationToken cancellationToken)
    {
        var input = new FalInput(context.Input);
        input.RequiredString("prompt");
        string duration = input.Choice("duration", "5", [.. Enumerable.Range(3, 8).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        string aspect = input.Choice("aspect_ratio", "16:9", "16:9", "9:16", "1:1");
        var urls = new List<(JsonNode[] Loc, string Url)>();
        int elements = ReadElements(input, urls);
        int images = ReadImageUrls(input, urls);
        if (elements + images > MaxInputs)
        {
            input.Error(["body"], $"At most {MaxInputs} elements and reference images in total; got {elements + images}.", "value_error");
        }

        foreach ((JsonNode[] loc, string url) in urls)
        {
            if (await context.Fetcher.FetchAsync(url, cancellationToken) is null)
            {
                input.Unreachable(loc);
            }
        }

        if (input.Failure is { } failure)
        {
            return failure;
        }

        byte[] video = FakeMp4(int.Parse(duration, System.Globalization.CultureInfo.InvariantCulture), aspect);
        string fileName = $"{Guid.NewGuid():N}.mp4";
        return new FalOutcome(200, new JsonObject
        {
            ["video"] = new JsonObject
            {
                ["url"] = context.PutMedia(video, "video/mp4", fileName).AbsoluteUri,
                ["content_type"] = "video/mp4",
                ["file_name"] = fileName,
                ["file_size"] = video.Length,
            },
        });
    }

    private static int ReadElements(FalInput input, List<(JsonNode[] Loc, string Url)> urls)
    {
        if (input.Field("elements") is not { } elements)
        {
            return 0;
        }

        if (elements.ValueKind != JsonValueKind.Array)
        {
            input.Error(["body", "elements"], "value is not a valid list", "type_error.list");
            return 0;
        }

        int index = 0;
        foreach (JsonElement element in elements.EnumerateArray())
        {
            int i = index++;
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("frontal_image_url", out JsonElement frontal) || frontal.ValueKind != JsonValueKind.String)
            {
                input.Missing(["body", "elements", i, "frontal_image_url"]);
                continue;
            }

            urls.Add(([ "body", "elements", i, "frontal_image_url" ], frontal.GetString()!));
            if (!element.TryGetProperty("reference_image_urls", out JsonElement refs) || refs.ValueKind != JsonValueKind.Array
                || refs.GetArrayLength() is < 1 or > 3 || refs.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
            {
                input.Error(["body", "elements", i, "reference_image_urls"], "1 to 3 image URLs required", "value_error.list");
                continue;
            }

            int r = 0;
            foreach (JsonElement reference in refs.EnumerateArray())
            {
                urls.Add(([ "body", "elements", i, "reference_image_urls", r++ ], reference.GetString()!));
            }
        }

        return index;
    }

    private static int ReadImageUrls(FalInput input, List<(JsonNode[] Loc, string Url)> urls)
    {
        if (input.Field("image_urls") is not { } images)
        {
            return 0;
        }

        if (images.ValueKind != JsonValueKind.Array || images.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
        {
            input.Error(["body", "image_urls"], "value is not a valid list of strings", "type_error.list");
            return 0;
        }

        int i = 0;
        foreach (JsonElement image in images.EnumerateArray())
        {
            urls.Add(([ "body", "image_urls", i++ ], image.GetString()!));
        }

        return i;
    }

    /// <summary>An ISO-BMFF <c>ftyp</c> box (isom/mp42) then a <c>free</c> box: recognisable as MP4, not playable.</summary>
    private static byte[] FakeMp4(int seconds, string aspect)
    {
        byte[] note = Encoding.ASCII.GetBytes($"Likeness fal emulator: {seconds}s {aspect} placeholder, not a playable video.");
        var bytes = new byte[24 + Math.Max(seconds * BytesPerSecond, 8 + note.Length)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, 24);
        Encoding.ASCII.GetBytes("ftypisom").CopyTo(bytes, 4);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), 0x200);
        Encoding.ASCII.GetBytes("isommp42").CopyTo(bytes, 16);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), (uint)(bytes.Length - 24));
        Encoding.ASCII.GetBytes("free").CopyTo(bytes, 28);
        note.CopyTo(bytes, 32);
        return bytes;
    }
}
