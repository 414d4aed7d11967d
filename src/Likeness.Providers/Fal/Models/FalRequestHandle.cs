namespace Likeness.Providers.Fal.Models;

/// <summary>
/// A queued fal request and the URLs its submit answer gave for it. Keep <see cref="RequestId"/>; with the
/// endpoint id it is all <see cref="FalClient.Rehydrate"/> needs to rebuild the handle in another process.
/// </summary>
/// <param name="EndpointId">The full endpoint id it was submitted to (e.g. <c>fal-ai/kling-video/o1/reference-to-video</c>).</param>
/// <param name="RequestId">fal's request id.</param>
/// <param name="StatusUrl">Where its status is read.</param>
/// <param name="ResponseUrl">Where its result is read.</param>
/// <param name="CancelUrl">Where it is cancelled.</param>
/// <param name="QueuePosition">Its place in the queue when submitted (0-based), when fal said.</param>
public sealed record FalRequestHandle(string EndpointId, string RequestId, Uri StatusUrl, Uri ResponseUrl, Uri CancelUrl, int? QueuePosition = null);
