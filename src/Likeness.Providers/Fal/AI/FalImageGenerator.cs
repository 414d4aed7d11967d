// IImageGenerator and its request/response types are [Experimental("MEAI001")] in
// Microsoft.Extensions.AI.Abstractions 10.11.0. This adapter exists to implement exactly that API, so the
// diagnostic is acknowledged here, in this file only, rather than project-wide.
#pragma warning disable MEAI001

using System.Drawing;
using System.Globalization;
using Likeness.Providers.Fal.Models;
using Microsoft.Extensions.AI;

namespace Likeness.Providers.Fal.AI;

/// <summary>
/// fal image generation as a Microsoft.Extensions.AI <see cref="IImageGenerator"/>. A request with original
/// images runs <c>fal-ai/instant-character</c> (the first image is the subject); one without runs
/// <c>fal-ai/flux-lora</c> (LoRAs from <c>AdditionalProperties["loras"]</c>, none for plain FLUX dev).
/// Extras: <c>seed</c>, <c>negative_prompt</c>, <c>guidance_scale</c>, <c>num_inference_steps</c>, <c>scale</c>;
/// or a <see cref="FalImageInput"/> from <see cref="ImageGenerationOptions.RawRepresentationFactory"/>.
/// Images come back as bytes (<see cref="DataContent"/>) unless <see cref="ImageGenerationResponseFormat.Uri"/>
/// is asked for; fal's URLs expire within hours.
/// </summary>
public sealed class FalImageGenerator(FalClient client) : IImageGenerator
{
    private readonly ImageGeneratorMetadata _metadata = new("fal", client?.Options.QueueUri, FalApps.FluxLora);

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("fal image generation needs a prompt.", nameof(request));
        }

        AIContent? subject = request.OriginalImages?.FirstOrDefault();
        FalImageInput raw = options?.RawRepresentationFactory?.Invoke(this) as FalImageInput
            ?? (subject is null
                ? new FluxLoraInput { Prompt = request.Prompt, Loras = Extra<IReadOnlyList<FalLoraWeight>>(options, "loras") ?? [] }
                : new InstantCharacterInput
                {
                    Prompt = request.Prompt,
                    ImageUrl = await SubjectUrlAsync(subject, cancellationToken).ConfigureAwait(false),
                    NegativePrompt = Extra<string>(options, "negative_prompt"),
                    Scale = Number(options, "scale"),
                });
        FalImageInput input = raw with
        {
            NumImages = raw.NumImages ?? options?.Count,
            ImageSize = raw.ImageSize ?? (options?.ImageSize is Size size ? new FalImageSize(size.Width, size.Height) : null),
            OutputFormat = raw.OutputFormat ?? (options?.MediaType is "image/png" ? "png" : options?.MediaType is "image/jpeg" ? "jpeg" : null),
            Seed = raw.Seed ?? (Number(options, "seed") is { } seed ? (long)seed : null),
            GuidanceScale = raw.GuidanceScale ?? Number(options, "guidance_scale"),
            NumInferenceSteps = raw.NumInferenceSteps ?? (Number(options, "num_inference_steps") is { } steps ? (int)steps : null),
        };
        string endpoint = input is InstantCharacterInput ? FalApps.InstantCharacter : FalApps.FluxLora;
        FalResult<FalImageOutput> result = input is InstantCharacterInput instant
            ? await client.SubscribeAsync<InstantCharacterInput, FalImageOutput>(endpoint, instant, null, cancellationToken).ConfigureAwait(false)
            : await client.SubscribeAsync<FluxLoraInput, FalImageOutput>(endpoint, (FluxLoraInput)input, null, cancellationToken).ConfigureAwait(false);

        var contents = new List<AIContent>();
        foreach (FalImage image in result.Value.Images)
        {
            string mediaType = image.ContentType ?? "image/jpeg";
            contents.Add(options?.ResponseFormat is ImageGenerationResponseFormat.Uri or ImageGenerationResponseFormat.Hosted && !image.Url.StartsWith("data:", StringComparison.Ordinal)
                ? new UriContent(new Uri(image.Url), mediaType)
                : new DataContent(await client.DownloadAsync(image.Url, cancellationToken).ConfigureAwait(false), mediaType));
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = result.Value };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(client) ? client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the client belongs to the caller.</summary>
    public void Dispose()
    {
    }

    private async Task<string> SubjectUrlAsync(AIContent subject, CancellationToken cancellationToken) => subject switch
    {
        UriContent uri => uri.Uri.AbsoluteUri,
        DataContent data => await client.Storage.ToInputUrlAsync(data.Data, data.MediaType, data.Name ?? "subject" + (data.MediaType == "image/png" ? ".png" : ".jpg"), cancellationToken).ConfigureAwait(false),
        _ => throw new NotSupportedException($"fal takes the subject image as DataContent or UriContent, not {subject.GetType().Name}."),
    };

    private static T? Extra<T>(ImageGenerationOptions? options, string name)
        where T : class => options?.AdditionalProperties?.TryGetValue(name, out object? value) == true ? value as T : null;

    private static double? Number(ImageGenerationOptions? options, string name) =>
        options?.AdditionalProperties?.TryGetValue(name, out object? value) == true && value is IConvertible convertible
            ? convertible.ToDouble(CultureInfo.InvariantCulture)
            : null;
}
