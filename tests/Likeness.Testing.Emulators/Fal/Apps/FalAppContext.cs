using System.Text.Json;
using Likeness.Testing.Emulators.Fal.Storage;

namespace Likeness.Testing.Emulators.Fal.Apps;

/// <summary>
/// What a run of an app sees: its input, when it completed (media are dated then), the media lifetime its submit asked
/// for (null: <see cref="FalEmulatorOptions.MediaRetention"/>), and the emulator's services.
/// </summary>
internal sealed record FalAppContext(
    string RequestId,
    JsonElement Input,
    DateTimeOffset CompletedAt,
    FalFetcher Fetcher,
    FalCdn Cdn,
    FalLoraRegistry Loras,
    FalEmulatorOptions Options,
    TimeSpan? MediaLifetime)
{
    /// <summary>Stores result media on the CDN (dated at completion, so they expire on the emulator's clock).</summary>
    public Uri PutMedia(byte[] bytes, string contentType, string fileName) =>
        Cdn.Put(new FalCdnFile(bytes, contentType, fileName, CompletedAt, IsResultMedia: true, MediaLifetime));
}
