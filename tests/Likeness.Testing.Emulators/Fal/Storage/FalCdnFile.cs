namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>A file the emulated CDN serves.</summary>
/// <param name="Bytes">Its content.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="FileName">The name it was stored under.</param>
/// <param name="CreatedAt">When it appeared (on the emulator's clock).</param>
/// <param name="Expires">Whether it is result media, which expires after <see cref="FalEmulatorOptions.MediaRetention"/>.</param>
internal sealed record FalCdnFile(byte[] Bytes, string ContentType, string FileName, DateTimeOffset CreatedAt, bool Expires);
