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

    /// <summary>Leaves out what is not set, so weights made without a trained fidelity are byte-identical to before.</summary>
    internal static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Packs the photos; <paramref name="fidelity"/>, when the profile makes it depend on the training, is written in the manifest.</summary>
    public static byte[] Pack(SimJob job, IReadOnlyList<(string Sha256, byte[] Bytes)> photos, double? fidelity = null)
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
                fidelity,
            }, Json));
            foreach (var (sha, bytes) in photos)
            {
                WriteEntry(zip, $"photos/{sha}.img", bytes);
            }
        }

        return memory.ToArray();
    }

    /// <summary>The photos, and the trained fidelity when the manifest records one.</summary>
    public static async Task<(IReadOnlyList<ReferencePhoto> Photos, double? Fidelity)> UnpackAsync(Stream weights, string provider, CancellationToken cancellationToken)
    {
        var photos = new List<ReferencePhoto>();
        double? fidelity = null;
        try
        {
            using var zip = new ZipArchive(weights, ZipArchiveMode.Read);
            if (zip.GetEntry("manifest.json") is { } manifest)
            {
                await using Stream json = manifest.Open();
                using JsonDocument document = await JsonDocument.ParseAsync(json, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document.RootElement.TryGetProperty("fidelity", out JsonElement f) && f.ValueKind == JsonValueKind.Number)
                {
                    fidelity = f.GetDouble();
                }
            }

            foreach (ZipArchiveEntry entry in zip.Entries.Where(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)))
            {
                await using Stream stream = entry.Open();
                using var memory = new MemoryStream();
                await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
                photos.Add(new ReferencePhoto(Path.GetFileNameWithoutExtension(entry.Name), memory.ToArray(), "application/octet-stream", ReferenceRole.Other));
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or JsonException)
        {
            throw new ProviderException(provider, "These weights were not made by the sim provider.", status: 400, innerException: ex);
        }

        return photos.Count > 0 ? (photos, fidelity) : throw new ProviderException(provider, "The simulated weights hold no photos.", status: 400);
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = FixedTime;
        using Stream stream = entry.Open();
        stream.Write(bytes);
    }
}
