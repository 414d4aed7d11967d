using System.IO.Compression;
using System.Text.Json;
using Likeness.Core.Providers;
using Likeness.Core.References;

namespace Likeness.Providers.Sim;

/// <summary>
/// The simulated "LoRA": a ZIP of the training photos plus a manifest marked simulated. Like real weights, it
/// is all a later generation needs to reproduce the identity; unlike them, it says plainly what it is.
/// </summary>
internal static class SimWeights
{
    public const string FileName = "sim-identity-weights.zip";

    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Pack(SimJob job, IReadOnlyList<(string Sha256, byte[] Bytes)> photos)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "manifest.json", JsonSerializer.SerializeToUtf8Bytes(new
            {
                simulated = true,
                note = "Simulated identity weights made by Likeness's offline sim provider; not a real LoRA.",
                profile = job.Profile,
                character = job.CharacterKey,
                trigger = job.TriggerToken,
                photos = photos.Select(p => p.Sha256),
            }));
            foreach (var (sha, bytes) in photos)
            {
                WriteEntry(zip, $"photos/{sha}.img", bytes);
            }
        }

        return memory.ToArray();
    }

    public static async Task<IReadOnlyList<ReferencePhoto>> UnpackAsync(Stream weights, string provider, CancellationToken cancellationToken)
    {
        var photos = new List<ReferencePhoto>();
        try
        {
            using var zip = new ZipArchive(weights, ZipArchiveMode.Read);
            foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)))
            {
                await using Stream stream = entry.Open();
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
                photos.Add(new ReferencePhoto(Path.GetFileNameWithoutExtension(entry.Name), memory.ToArray(), "application/octet-stream", ReferenceRole.Other));
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ProviderException(provider, "These weights were not made by the sim provider.", status: 400, innerException: ex);
        }

        return photos.Count > 0 ? photos : throw new ProviderException(provider, "The simulated weights hold no photos.", status: 400);
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = FixedTime;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }
}
