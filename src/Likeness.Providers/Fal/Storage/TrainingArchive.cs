using System.IO.Compression;
using System.Text;

namespace Likeness.Providers.Fal.Storage;

/// <summary>One training image, with its caption when it has one.</summary>
/// <param name="Name">File name stem (no extension), unique within the set.</param>
/// <param name="Bytes">The encoded image.</param>
/// <param name="ContentType"><c>image/jpeg</c> or <c>image/png</c>.</param>
/// <param name="Caption">Its caption, or null.</param>
public sealed record TrainingImage(string Name, ReadOnlyMemory<byte> Bytes, string ContentType, string? Caption = null);

/// <summary>
/// Packs a training set the way fal's LoRA trainers read it: a ZIP of images with a same-name <c>.txt</c>
/// caption beside each. When any image has a caption, every image gets a caption file (the trigger word for
/// those without, and the trigger word prefixed to captions that lack it, because fal ignores
/// <c>trigger_word</c> once captions exist); with no captions at all, only images are packed and fal captions
/// them with the trigger word.
/// </summary>
public static class TrainingArchive
{
    private static readonly DateTimeOffset FixedDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The ZIP bytes.</summary>
    public static byte[] Build(IReadOnlyList<TrainingImage> images, string triggerWord)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentException.ThrowIfNullOrWhiteSpace(triggerWord);
        if (images.Count == 0)
        {
            throw new ArgumentException("A training set needs at least one image.", nameof(images));
        }

        if (images.Select(i => i.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != images.Count)
        {
            throw new ArgumentException("Training image names must be unique.", nameof(images));
        }

        bool captioned = images.Any(i => !string.IsNullOrWhiteSpace(i.Caption));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (TrainingImage image in images)
            {
                Write(zip, image.Name + ExtensionOf(image.ContentType), image.Bytes.Span, CompressionLevel.NoCompression);
                if (captioned)
                {
                    Write(zip, image.Name + ".txt", Encoding.UTF8.GetBytes(CaptionOf(image.Caption, triggerWord)), CompressionLevel.Optimal);
                }
            }
        }

        return buffer.ToArray();
    }

    private static string CaptionOf(string? caption, string trigger) =>
        string.IsNullOrWhiteSpace(caption) ? trigger
        : caption.Contains(trigger, StringComparison.OrdinalIgnoreCase) ? caption.Trim()
        : $"{trigger}, {caption.Trim()}";

    /// <summary>The file extension of a JPEG, PNG or WebP media type (uploaded references are named with it too).</summary>
    internal static string ExtensionOf(string contentType) => contentType.ToLowerInvariant() switch
    {
        "image/png" => ".png",
        "image/jpeg" or "image/jpg" => ".jpg",
        "image/webp" => ".webp",
        _ => throw new ArgumentException($"Images sent to fal must be JPEG, PNG or WebP (got {contentType})."),
    };

    private static void Write(ZipArchive zip, string name, ReadOnlySpan<byte> bytes, CompressionLevel level)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, level);
        // A fixed date keeps the archive a pure function of its contents (same set, same bytes, same hash).
        entry.LastWriteTime = FixedDate;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }
}
