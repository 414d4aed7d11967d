using System.Text.Json;
using Likeness.Imaging;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// <c>fal-ai/flux-lora</c>: FLUX with LoRAs. Each LoRA path is downloaded; the strongest LoRA the emulator trained
/// supplies the faces (its training photos), so identity survives training and generation. LoRAs it did not train
/// carry no identity: the images then show an empty backdrop.
/// </summary>
internal sealed class FluxLoraApp : IFalApp
{
    public string EndpointId => "fal-ai/flux-lora";

    public TimeSpan Duration(FalEmulatorOptions options) => options.RunDuration;

    public IReadOnlyList<FalProgressLine> Progress(JsonElement input) =>
        [new(0, "Loading LoRA weights"), new(0.5, "Generating images")];

    public async Task<FalOutcome> RunAsync(FalAppContext context, CancellationToken cancellationToken)
    {
        var input = new FalInput(context.Input);
        FalImageSettings settings = FalImageSettings.Read(input, "landscape_4_3");
        input.Choice("acceleration", "none", "none", "regular");
        IReadOnlyList<byte[]> faces = await TrainedFacesAsync(context, input, cancellationToken);
        if (input.Failure is { } failure)
        {
            return failure;
        }

        var sources = new List<Image>();
        try
        {
            sources.AddRange(faces.Select(FalImageRenderer.TryDecode).OfType<Image>());
            return new FalOutcome(200, FalImageRenderer.Render(context, settings, sources));
        }
        finally
        {
            sources.ForEach(s => s.Dispose());
        }
    }

    private static async Task<IReadOnlyList<byte[]>> TrainedFacesAsync(FalAppContext context, FalInput input, CancellationToken cancellationToken)
    {
        if (input.Field("loras") is not { } loras)
        {
            return [];
        }

        if (loras.ValueKind != JsonValueKind.Array)
        {
            input.Error(["body", "loras"], "value is not a valid list", "type_error.list");
            return [];
        }

        IReadOnlyList<byte[]> best = [];
        double bestScale = double.NegativeInfinity;
        int index = 0;
        foreach (JsonElement lora in loras.EnumerateArray())
        {
            int i = index++;
            if (lora.ValueKind != JsonValueKind.Object || !lora.TryGetProperty("path", out JsonElement path) || path.ValueKind != JsonValueKind.String)
            {
                input.Missing(["body", "loras", i, "path"]);
                continue;
            }

            double scale = lora.TryGetProperty("scale", out JsonElement s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 1;
            byte[]? file = await context.Fetcher.FetchAsync(path.GetString(), cancellationToken);
            if (file is null)
            {
                input.Unreachable(["body", "loras", i, "path"]);
                continue;
            }

            if (context.Loras.Recall(file) is { } trained && scale > bestScale)
            {
                best = trained;
                bestScale = scale;
            }
        }

        return best;
    }
}
