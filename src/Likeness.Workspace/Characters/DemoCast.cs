using System.Text.Json;
using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Imaging.Transforms;
using Likeness.Workspace.Paths;

namespace Likeness.Workspace.Characters;

/// <summary>A cast file: characters with their profile and reference photos (optionally cropped from a group photo).</summary>
public sealed record DemoCast(IReadOnlyList<CastMember> Characters)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>Reads <c>cast.json</c> from <paramref name="folder"/> and loads every photo it names; the photos must lie in the folder.</summary>
    public static DemoCast Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        string manifest = Path.Combine(folder, "cast.json");
        if (!File.Exists(manifest))
        {
            throw new FileNotFoundException($"No cast.json in {folder}.", manifest);
        }

        CastFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CastFile>(File.ReadAllText(manifest), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{manifest} is not a cast file: {JsonProblem.Describe(ex)}.", manifest);
        }

        if (file?.Characters is null || file.Characters.Any(c => c is null || string.IsNullOrWhiteSpace(c.Name) || c.References is null || c.References.Any(r => r is null || string.IsNullOrWhiteSpace(r.File))))
        {
            throw new InvalidInputException($"{manifest} is not a cast file: every character needs a \"name\" and \"references\" with a \"file\" each.", manifest);
        }

        // The manifest names photos; it may not reach out of its folder (a shared cast must not read the user's other files).
        var roots = new PathRoots([folder]);
        return new DemoCast([.. file.Characters.Select((c, i) => new CastMember(
            c.Name, c.Description, c.Profile ?? CharacterProfile.Empty,
            [.. c.References.Select((r, j) => LoadReference(Confined(roots, manifest, folder, r.File, $"characters[{i}].references[{j}].file"), r))]))]);
    }

    private static string Confined(PathRoots roots, string manifest, string folder, string path, string field)
    {
        try
        {
            return roots.Resolve(path, folder, field);
        }
        catch (InvalidInputException ex)
        {
            throw new InvalidInputException($"{manifest}: {ex.Message}", field);
        }
    }

    private static ReferenceCandidate LoadReference(string path, CastReference reference)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (reference.Crop is not { Length: 4 } crop)
        {
            return new ReferenceCandidate(reference.File, bytes, reference.Role);
        }

        // A crop is re-encoded losslessly so the reference keeps every pixel of the original.
        using DecodedImage decoded = ImageDecoder.Decode(bytes, DecodeOptions.Upright);
        using Image cropped = Geometry.Crop(decoded.Image, crop[0], crop[1], crop[2], crop[3]);
        string name = $"{Path.GetFileNameWithoutExtension(reference.File)}-crop-{crop[0]}-{crop[1]}.png";
        return new ReferenceCandidate(name, ImageEncoder.EncodeToBytes(cropped, ImageFormat.Png), reference.Role);
    }

    private sealed record CastFile(IReadOnlyList<CastCharacter> Characters);

    private sealed record CastCharacter(string Name, string? Description, CharacterProfile? Profile, IReadOnlyList<CastReference> References);

    private sealed record CastReference(string File, ReferenceRole Role = ReferenceRole.Other, int[]? Crop = null);
}

/// <summary>One character of a cast.</summary>
public sealed record CastMember(string Name, string? Description, CharacterProfile Profile, IReadOnlyList<ReferenceCandidate> References);
