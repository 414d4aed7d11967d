using System.Security.Cryptography;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Rows;

namespace Likeness.Core.References;

/// <summary>
/// Checks reference photos before they define a character: format and size, resolution, a visible face, one
/// identity across the set, and duplicates. Every problem is reported by file; nothing is dropped silently.
/// </summary>
public sealed class ReferenceChecker(ReferenceRules rules, IFaceAnalyzer? faces)
{
    /// <summary>Checks <paramref name="candidates"/> against each other and against the character's <paramref name="existing"/> references.</summary>
    public ReferenceCheckReport Check(
        IReadOnlyList<ReferenceCandidate> candidates, IReadOnlyList<ReferenceImage> existing, CancellationToken cancellationToken = default) =>
        Check(candidates, existing, [], cancellationToken);

    /// <summary>
    /// Checks as above, and warns when a candidate is already (the same file or near-identical) a reference of another
    /// character in <paramref name="otherCharacters"/>.
    /// </summary>
    public ReferenceCheckReport Check(
        IReadOnlyList<ReferenceCandidate> candidates, IReadOnlyList<ReferenceImage> existing, IReadOnlyList<OtherCharacterReference> otherCharacters,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(otherCharacters);
        var findings = new List<ReferenceFinding>();
        var accepted = new List<CheckedReference>();
        foreach (ReferenceCandidate candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CheckedReference? checkedRef = CheckFile(candidate, findings, cancellationToken);
            if (checkedRef is not null)
            {
                accepted.Add(checkedRef);
            }
        }

        CheckDuplicates(accepted, existing, findings);
        CheckOtherCharacters(accepted, otherCharacters, findings);
        if (faces is null)
        {
            findings.Add(new(FindingSeverity.Warning, "faces-not-checked", null,
                "Face checks were skipped: no face engine is installed, so visibility and identity were not verified."));
        }
        else
        {
            CheckFaces(accepted, existing, findings);
        }

        return new ReferenceCheckReport(findings, accepted.Where(a => !findings.Any(f => f.Severity == FindingSeverity.Error && f.FileName == a.Candidate.FileName)).ToList());
    }

    private CheckedReference? CheckFile(ReferenceCandidate candidate, List<ReferenceFinding> findings, CancellationToken cancellationToken)
    {
        string name = candidate.FileName;
        if (candidate.Bytes.Length > rules.MaxBytes)
        {
            findings.Add(new(FindingSeverity.Error, "too-large", name,
                $"{name} is {candidate.Bytes.Length / 1e6:F1} MB; references must be at most {rules.MaxBytes / 1e6:F0} MB."));
            return null;
        }

        ImageFormat format = FormatSniffer.Detect(candidate.Bytes.Span);
        if (format is not (ImageFormat.Jpeg or ImageFormat.Png or ImageFormat.WebP))
        {
            findings.Add(new(FindingSeverity.Error, "format", name,
                $"{name} is {(format == ImageFormat.Unknown ? "not an image" : FormatSniffer.DisplayName(format))}; references must be JPEG, PNG or WebP."));
            return null;
        }

        try
        {
            // A PNG, a JPEG or a still WebP is read by rows, in passes, so the request never holds its pixels (a
            // progressive JPEG's coefficients or an interlaced PNG's passes go to a temporary file, once); what cannot be
            // read in order (see ImageRows) is decoded whole. Both give the same findings and the same stored facts.
            using ImageRows? rows = ImageRows.TryOpen(candidate.Bytes, DecodeOptions.Upright);
            if (rows is not null)
            {
                // With faces the rows are read again (the face engine's passes): copying kept rows costs less than a decode.
                rows.KeepsRows |= faces is not null;
                return CheckRows(candidate, format, rows, findings, cancellationToken);
            }

            using DecodedImage decoded = ImageDecoder.Decode(candidate.Bytes.Span, DecodeOptions.Upright);
            if (decoded.IsTruncated)
            {
                findings.Add(Truncated(name));
                return null;
            }

            Image image = decoded.Image;
            CheckResolution(name, image.Width, image.Height, findings);
            ReferenceAnalysis? analysis = faces is null ? null : Describe(faces.Analyze(image, cancellationToken));
            return new CheckedReference(
                candidate, FormatName(format), image.Width, image.Height, Sha256Of(candidate), ImageFingerprint.Compute(image), analysis);
        }
        catch (InvalidImageException ex)
        {
            findings.Add(new(FindingSeverity.Error, "unreadable", name, $"{name}: {ex.Message}"));
            return null;
        }
    }

    /// <summary>
    /// The checks over rows: one pass for the fingerprint's shrink and the truncation, then the face engine's own
    /// passes (<see cref="IFaceAnalyzer.AnalyzeRows"/>).
    /// </summary>
    private CheckedReference? CheckRows(
        ReferenceCandidate candidate, ImageFormat format, ImageRows rows, List<ReferenceFinding> findings, CancellationToken cancellationToken)
    {
        string name = candidate.FileName;
        ulong fingerprint;
        using (RowResampler shrinker = ImageFingerprint.Shrinker(rows))
        {
            if (!rows.Stream(shrinker))
            {
                findings.Add(Truncated(name));
                return null;
            }

            using Image small = shrinker.Finish();
            fingerprint = ImageFingerprint.Hash(small);
        }

        CheckResolution(name, rows.Width, rows.Height, findings);
        cancellationToken.ThrowIfCancellationRequested();
        ReferenceAnalysis? analysis = faces is null ? null : Describe(faces.AnalyzeRows(rows, cancellationToken));
        return new CheckedReference(candidate, FormatName(format), rows.Width, rows.Height, Sha256Of(candidate), fingerprint, analysis);
    }

    private static ReferenceFinding Truncated(string name) =>
        new(FindingSeverity.Error, "truncated", name, $"{name} is truncated (the file ends before the image does).");

    private void CheckResolution(string name, int width, int height, List<ReferenceFinding> findings)
    {
        if (Math.Min(width, height) < rules.RecommendedShorterSide)
        {
            findings.Add(new(FindingSeverity.Warning, "low-resolution", name,
                $"{name} is {width}x{height}; a shorter side of at least {rules.RecommendedShorterSide} px is recommended."));
        }
    }

    private static string Sha256Of(ReferenceCandidate candidate) => Convert.ToHexStringLower(SHA256.HashData(candidate.Bytes.Span));

    /// <summary>The name stored with the reference; "image/" + it is the media type sent on.</summary>
    private static string FormatName(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "jpeg",
        ImageFormat.Png => "png",
        _ => "webp",
    };

    private ReferenceAnalysis Describe(IReadOnlyList<FaceObservation> found)
    {
        FaceObservation? largest = FaceDistance.Largest(found);
        return new ReferenceAnalysis
        {
            FacesFound = found.Count,
            Descriptor = largest?.Descriptor ?? [],
            FaceScore = largest?.Score ?? 0,
            Face = largest?.Box,
            Analyzer = faces!.Name,
        };
    }

    private static void CheckDuplicates(List<CheckedReference> accepted, IReadOnlyList<ReferenceImage> existing, List<ReferenceFinding> findings)
    {
        var known = existing.Select(e => (e.FileName, e.AssetSha256, e.Fingerprint)).ToList();
        foreach (CheckedReference item in accepted)
        {
            foreach (var (otherName, otherSha, otherPrint) in known)
            {
                if (otherSha == item.Sha256)
                {
                    findings.Add(new(FindingSeverity.Error, "duplicate", item.Candidate.FileName,
                        $"{item.Candidate.FileName} is the same file as {otherName}."));
                    break;
                }

                int bits = ImageFingerprint.Distance(otherPrint, item.Fingerprint);
                if (bits <= ImageFingerprint.NearDuplicateBits)
                {
                    findings.Add(new(FindingSeverity.Warning, "near-duplicate", item.Candidate.FileName,
                        $"{item.Candidate.FileName} looks nearly identical to {otherName} ({bits} of 64 fingerprint bits differ); near-duplicates add no new views of the face."));
                    break;
                }
            }

            known.Add((item.Candidate.FileName, item.Sha256, item.Fingerprint));
        }
    }

    /// <summary>
    /// A photo of two characters would be genuine for one and an impostor for the other: the calibration leaves it
    /// out of their impostor pairs and refuses to set a threshold while both hold it, so say so now.
    /// </summary>
    private static void CheckOtherCharacters(List<CheckedReference> accepted, IReadOnlyList<OtherCharacterReference> others, List<ReferenceFinding> findings)
    {
        foreach (CheckedReference item in accepted)
        {
            foreach (OtherCharacterReference other in others)
            {
                bool same = other.AssetSha256 == item.Sha256;
                int bits = ImageFingerprint.Distance(other.Fingerprint, item.Fingerprint);
                if (same || bits <= ImageFingerprint.NearDuplicateBits)
                {
                    string how = same ? "is already" : $"looks nearly identical to ({bits} of 64 fingerprint bits differ)";
                    findings.Add(new(FindingSeverity.Warning, "other-character", item.Candidate.FileName,
                        $"{item.Candidate.FileName} {how} a reference of {other.CharacterName} ({other.FileName}); it is left out of the impostor pairs between the two, and studies will not calibrate an identity threshold while both characters hold it."));
                    break;
                }
            }
        }
    }

    private void CheckFaces(List<CheckedReference> accepted, IReadOnlyList<ReferenceImage> existing, List<ReferenceFinding> findings)
    {
        var withFace = new List<(string Name, IReadOnlyList<float> Descriptor)>();
        foreach (ReferenceImage e in existing)
        {
            if (e.Analysis is { FacesFound: > 0 } a && a.Analyzer == faces!.Name)
            {
                withFace.Add((e.FileName, a.Descriptor));
            }
        }

        foreach (CheckedReference item in accepted)
        {
            if (item.Analysis is { FacesFound: > 0 } a)
            {
                withFace.Add((item.Candidate.FileName, a.Descriptor));
                if (a.FacesFound > 1)
                {
                    findings.Add(new(FindingSeverity.Warning, "several-faces", item.Candidate.FileName,
                        $"{item.Candidate.FileName} shows {a.FacesFound} faces; the largest one is taken as the character."));
                }
            }
            else
            {
                findings.Add(new(FindingSeverity.Warning, "no-face", item.Candidate.FileName,
                    $"{item.Candidate.FileName}: no face was found."));
            }
        }

        if (withFace.Count < rules.MinReferencesWithFace)
        {
            findings.Add(new(FindingSeverity.Error, "too-few-faces", null,
                $"A face is visible in {withFace.Count} reference(s); at least {rules.MinReferencesWithFace} are needed."));
        }

        // One identity: a reference whose face is farther than the threshold from most of the others is the odd one out.
        double threshold = faces!.SamePersonThreshold;
        foreach (var (name, descriptor) in withFace)
        {
            var others = withFace.Where(o => o.Name != name).ToList();
            if (others.Count < 2)
            {
                continue;
            }

            int strangers = others.Count(o => FaceDistance.Between(descriptor, o.Descriptor) >= threshold);
            if (strangers * 2 > others.Count && accepted.Any(a => a.Candidate.FileName == name))
            {
                double median = others.Select(o => FaceDistance.Between(descriptor, o.Descriptor)).Order().ElementAt(others.Count / 2);
                findings.Add(new(FindingSeverity.Error, "different-person", name,
                    $"{name} does not look like the same person as the other references (median face distance {median:F2}, threshold {threshold:F2})."));
            }
        }
    }
}
