using System.Text.Json;
using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary><c>fal-ai/instant-character</c>: a subject reference photo in, new shots of the same person out.</summary>
internal sealed class InstantCharacterApp : IFalApp
{
    public string EndpointId => "fal-ai/instant-character";

    public TimeSpan Duration(FalEmulatorOptions options) => options.RunDuration;

    public IReadOnlyList<FalProgressLine> Progress(JsonElement input) =>
        [new(0, "Encoding the subject reference"), new(0.5, "Generating images")];

    public async Task<FalOutcome> RunAsync(FalAppContext context, CancellationToken cancellationToken)
    {
        var input = new FalInput(context.Input);
        FalImageSettings settings = FalImageSettings.Read(input, "square_hd");
        input.Number("scale", 1, 0, 2);
        input.String("negative_prompt", "");
        string? url = input.RequiredString("image_url");
        using Image? reference = url is null ? null : await FetchImageAsync(context, input, url, cancellationToken);
        if (input.Failure is { } failure)
        {
            return failure;
        }

        return new FalOutcome(200, FalImageRenderer.Render(context, settings, [reference!]));
    }

    private static async Task<Image?> FetchImageAsync(FalAppContext context, FalInput input, string url, CancellationToken cancellationToken)
    {
        byte[]? bytes = await context.Fetcher.FetchAsync(url, cancellationToken);
        if (bytes is null)
        {
            input.Unreachable(["body", "image_url"]);
            return null;
        }

        Image? image = FalImageRenderer.TryDecode(bytes);
        if (image is null)
        {
            input.Error(["body", "image_url"], "Could not decode the image.", "image_load_error");
        }

        return image;
    }
}
