namespace Likeness.Testing.Emulators.Fal.Storage;

/// <summary>A file the emulated CDN serves.</summary>
/// <param name="Bytes">Its content.</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="FileName">The name it was stored under.</param>
/// <param name="CreatedAt">When it appeared (on the emulator's clock).</param>
/// <param name="IsResultMedia">Result media expire after <see cref="FalEmulatorOptions.MediaRetention"/> unless <paramref name="Lifetime"/> says otherwise.</param>
/// <param name="Lifetime">An explicit lifetime (fal's object lifecycle headers); null: uploads never expire, result media follow the option.</param>
internal sealed record FalCdnFile(byte[] Bytes, string ContentType, string FileName, DateTimeOffset CreatedAt, bool IsResultMedia, TimeSpan? Lifetime = null);
