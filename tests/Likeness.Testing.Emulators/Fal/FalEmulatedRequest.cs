using System.Text.Json;

namespace Likeness.Testing.Emulators.Fal;

/// <summary>One accepted queue submission as the emulator saw it.</summary>
/// <param name="RequestId">The request id submit returned.</param>
/// <param name="EndpointId">The full endpoint id, path included.</param>
/// <param name="Input">The input JSON as sent.</param>
/// <param name="WebhookUrl">The <c>fal_webhook</c> URL, if any.</param>
/// <param name="Status">IN_QUEUE, IN_PROGRESS, COMPLETED or CANCELLED, as of the emulator's clock now.</param>
public sealed record FalEmulatedRequest(string RequestId, string EndpointId, JsonElement Input, string? WebhookUrl, string Status);
