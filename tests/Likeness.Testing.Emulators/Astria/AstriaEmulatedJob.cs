namespace Likeness.Testing.Emulators.Astria;

/// <summary>A tune or prompt the emulator accepted, as tests see it.</summary>
/// <param name="Kind"><c>tune</c> or <c>prompt</c>.</param>
/// <param name="Id">Its id.</param>
/// <param name="Title">A tune's title, a prompt's text.</param>
/// <param name="Branch">A tune's branch; null for prompts.</param>
/// <param name="ModelType">A tune's model type; null for prompts.</param>
/// <param name="Images">Photos uploaded with a tune; images asked of a prompt.</param>
/// <param name="Callback">The callback URL it was given.</param>
/// <param name="ImageUrls">URLs a tune was given instead of uploads (<c>image_urls</c>); 0 for prompts.</param>
/// <param name="Preset">A tune's <c>preset</c>; null for prompts.</param>
/// <param name="TuneId">The tune a prompt was posted to (<c>/tunes/:id/prompts</c>); null for tunes.</param>
/// <param name="Sent">The request's scalar fields as they came on the wire (<c>branch</c>, <c>token</c>, <c>num_images</c> …); absent ones are absent.</param>
public sealed record AstriaEmulatedJob(
    string Kind, long Id, string Title, string? Branch, string? ModelType, int Images, string? Callback, int ImageUrls = 0, string? Preset = null, long? TuneId = null,
    IReadOnlyDictionary<string, string>? Sent = null);
