using Likeness.Core.Scoring;

namespace Likeness.Core.References;

/// <summary>A photo that defines what a character looks like. The bytes live in the asset store.</summary>
public sealed class ReferenceImage
{
    private ReferenceImage()
    {
        AssetSha256 = FileName = Format = string.Empty;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The character it belongs to.</summary>
    public Guid CharacterId { get; private set; }

    /// <summary>SHA-256 (hex) of the file in the asset store.</summary>
    public string AssetSha256 { get; private set; }

    /// <summary>The name it was uploaded with.</summary>
    public string FileName { get; private set; }

    /// <summary>"jpeg", "png" or "webp".</summary>
    public string Format { get; private set; }

    /// <summary>Upright width in pixels.</summary>
    public int Width { get; private set; }

    /// <summary>Upright height in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>File size.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>What the photo shows.</summary>
    public ReferenceRole Role { get; private set; }

    /// <summary>64-bit difference hash, for near-duplicate checks.</summary>
    public ulong Fingerprint { get; private set; }

    /// <summary>The face engine's view, when it ran.</summary>
    public ReferenceAnalysis? Analysis { get; private set; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>The generated shot it was taken from (identity, prompt, seed); null for an uploaded photo.</summary>
    public ReferenceProvenance? Provenance { get; private set; }

    /// <summary>
    /// The caption the user wrote for it, which a training sends with the image instead of the one Likeness writes
    /// (<c>CaptionWriter</c>); null when the user gave none.
    /// </summary>
    public string? Caption { get; private set; }

    /// <summary>
    /// Whether its analysis found a face but does not say where, and no one has looked again: a reference analysed
    /// before face boxes were kept (<see cref="FillFaceBox"/>).
    /// </summary>
    public bool NeedsFaceBox => Analysis is { FacesFound: > 0, Face: null, FaceBoxNotFound: false };

    /// <summary>
    /// Records where the face is in a reference that <see cref="NeedsFaceBox"/>: the largest face the engine finds in it
    /// now, or, with <paramref name="box"/> null, that it found none (<see cref="ReferenceAnalysis.FaceBoxNotFound"/>), so
    /// it is not looked for again. The rest of the analysis (the descriptor the gate and calibrations compare) stays.
    /// </summary>
    /// <exception cref="RuleViolationException">The reference has a box, or no face, already.</exception>
    public void FillFaceBox(FaceBox? box)
    {
        if (!NeedsFaceBox)
        {
            throw new RuleViolationException($"Reference {Id} needs no face box: it has one, or no face was found in it.");
        }

        Analysis = Analysis! with { Face = box, FaceBoxNotFound = box is null };
    }

    /// <summary>The longest caption taken, in characters (trainers read a sentence or two, not an essay).</summary>
    public const int MaxCaptionLength = 1000;

    /// <summary>Sets the user's caption (trimmed); null, empty or blank clears it, so the written caption is used again.</summary>
    /// <exception cref="InvalidInputException">Longer than <see cref="MaxCaptionLength"/> or with a control character.</exception>
    public void SetCaption(string? caption)
    {
        string? trimmed = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        if (trimmed is { Length: > MaxCaptionLength })
        {
            throw new InvalidInputException($"A caption is at most {MaxCaptionLength} characters (got {trimmed.Length}).", "caption");
        }

        // One line: a trainer reads the caption file as one, and a newline would split it.
        if (trimmed is not null && trimmed.Any(char.IsControl))
        {
            throw new InvalidInputException("A caption is one line of text, without control characters.", "caption");
        }

        Caption = trimmed;
    }

    /// <summary>Tags what the photo shows (a person corrects the role it was uploaded with).</summary>
    public void SetRole(ReferenceRole role)
    {
        if (!Enum.IsDefined(role))
        {
            throw new InvalidInputException($"Unknown reference role {role}.", "role");
        }

        Role = role;
    }

    /// <summary>Creates the record of a checked reference; <paramref name="provenance"/> names the shot it comes from, if any.</summary>
    public static ReferenceImage Create(
        Guid characterId, string assetSha256, string fileName, string format, int width, int height, long sizeBytes,
        ReferenceRole role, ulong fingerprint, ReferenceAnalysis? analysis, TimeProvider time, ReferenceProvenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        DateTimeOffset now = time.GetUtcNow();
        return new ReferenceImage
        {
            Id = Guid.CreateVersion7(now),
            CharacterId = characterId,
            AssetSha256 = assetSha256,
            FileName = fileName,
            Format = format,
            Width = width,
            Height = height,
            SizeBytes = sizeBytes,
            Role = role,
            Fingerprint = fingerprint,
            Analysis = analysis,
            AddedAt = now,
            Provenance = provenance,
        };
    }
}
