using System.Globalization;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.Scoring;

namespace Likeness.Core.TrainingSets;

/// <summary>
/// Checks a training set before it is paid for: size, duplicates, faces (missing, small at the training resolution,
/// cut by the border), one identity (outliers from the set's medoid beyond the threshold), pose and lighting coverage,
/// resolution and aspect, and the user's captions (the trigger present, no fixed trait of the profile in every one).
/// Each finding costs points (<see cref="LintFinding.Penalty"/>); the score is what is left of 100.
/// </summary>
public static class TrainingSetLint
{
    private static readonly string[] PoseBands = ["frontal", "three-quarter", "profile"];

    /// <summary>Lints <paramref name="images"/> for <paramref name="character"/>.</summary>
    public static TrainingSetReport Check(IReadOnlyList<TrainingImageFacts> images, Character character, TrainingSetLintOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var findings = new List<LintFinding>();
        Count(images, options, findings);
        Duplicates(images, findings);
        if (options.FacesMeasured)
        {
            Faces(images, options, findings);
            Identity(images, options, findings);
            Coverage(images, options, findings);
        }

        var poses = images.Where(i => i.Face is not null).GroupBy(i => HeadPoses.Label(i.Turn)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var lighting = images.Where(i => i.FaceLuma is not null).GroupBy(i => FaceLighting.Label(i.FaceLuma!.Value)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Shapes(images, options, findings);
        Captions(images, character, findings);
        LintFinding[] ordered = [.. findings.OrderByDescending(f => f.Severity)];
        return new TrainingSetReport
        {
            Count = images.Count,
            Score = Math.Max(0, 100 - ordered.Sum(f => f.Penalty)),
            MinimumScore = options.MinimumScore,
            Findings = ordered,
            Poses = poses,
            Lighting = lighting,
        };
    }

    private static void Count(IReadOnlyList<TrainingImageFacts> images, TrainingSetLintOptions options, List<LintFinding> findings)
    {
        int n = images.Count;
        if (n < options.MinImages)
        {
            findings.Add(new(LintRules.Count, LintSeverity.Problem, $"{n} image(s); the provider needs at least {options.MinImages}.", $"Add at least {options.MinImages - n} image(s).", []));
        }
        else if (n < options.RecommendedImages)
        {
            findings.Add(new(LintRules.Count, LintSeverity.Warning, $"{n} image(s); {options.RecommendedImages} or more are recommended.", $"Add {options.RecommendedImages - n} varied image(s).", []));
        }
        else if (n > options.MaxImages)
        {
            findings.Add(new(LintRules.Count, LintSeverity.Note, $"{n} images; the provider takes {options.MaxImages}, the rest are not sent.", $"Keep the best {options.MaxImages}.", [.. images.Skip(options.MaxImages).Select(i => i.Name)]));
        }
    }

    private static void Duplicates(IReadOnlyList<TrainingImageFacts> images, List<LintFinding> findings)
    {
        for (int i = 0; i < images.Count; i++)
        {
            for (int j = 0; j < i; j++)
            {
                int bits = ImageFingerprint.Distance(images[i].Fingerprint, images[j].Fingerprint);
                if (bits <= ImageFingerprint.NearDuplicateBits)
                {
                    findings.Add(new(LintRules.Duplicate, LintSeverity.Warning,
                        bits == 0 ? $"{images[i].Name} looks the same as {images[j].Name}." : $"{images[i].Name} nearly repeats {images[j].Name} ({bits} bits of 64 differ).",
                        $"Remove {images[i].Name} or {images[j].Name}.", [images[j].Name, images[i].Name]));
                    break;
                }
            }
        }
    }

    private static void Faces(IReadOnlyList<TrainingImageFacts> images, TrainingSetLintOptions options, List<LintFinding> findings)
    {
        foreach (TrainingImageFacts image in images)
        {
            if (image.Face is not { } box)
            {
                findings.Add(new(LintRules.NoFace, LintSeverity.Problem, $"{image.Name} shows no face.", $"Remove {image.Name} or replace it with a photo where the face is visible.", [image.Name]));
                continue;
            }

            // Trainers scale the longer side down to their resolution and never up.
            double scale = Math.Min(1, (double)options.TrainingSide / Math.Max(image.Width, image.Height));
            double facePixels = box.Height * scale;
            if (facePixels < options.MinFacePixels)
            {
                findings.Add(new(LintRules.SmallFace, LintSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"{image.Name}: the face is {facePixels:0} px high at the training resolution ({options.TrainingSide} px); {options.MinFacePixels} px or more is wanted."),
                    $"Crop {image.Name} closer to the face or use a closer shot.", [image.Name]));
            }

            double margin = 0.005 * Math.Max(image.Width, image.Height);
            if (box.X <= margin || box.Y <= margin || box.X + box.Width >= image.Width - margin || box.Y + box.Height >= image.Height - margin)
            {
                findings.Add(new(LintRules.FaceCut, LintSeverity.Warning, $"{image.Name}: the face touches the image's border.", $"Replace {image.Name} with a frame that shows the whole face.", [image.Name]));
            }
        }
    }

    private static void Identity(IReadOnlyList<TrainingImageFacts> images, TrainingSetLintOptions options, List<LintFinding> findings)
    {
        TrainingImageFacts[] described = [.. images.Where(i => i.Descriptor.Count > 0)];
        if (options.Threshold is not { } threshold || described.Length < 3)
        {
            return;
        }

        // The medoid (the face closest in sum to all the others) stands for the set's identity; a minority of
        // strangers cannot move it as they would a mean.
        double[][] d = [.. described.Select(a => described.Select(b => FaceDistance.Between(a.Descriptor, b.Descriptor)).ToArray())];
        int medoid = Enumerable.Range(0, described.Length).MinBy(i => d[i].Sum());
        foreach (int i in Enumerable.Range(0, described.Length).Where(i => d[medoid][i] > threshold))
        {
            findings.Add(new(LintRules.OtherPerson, LintSeverity.Problem,
                string.Create(CultureInfo.InvariantCulture, $"{described[i].Name}: the face is {d[medoid][i]:0.000} from the set's most typical face ({described[medoid].Name}); the threshold is {threshold:0.000}."),
                $"Remove {described[i].Name}: it looks like someone else.", [described[i].Name]));
        }
    }

    private static void Coverage(IReadOnlyList<TrainingImageFacts> images, TrainingSetLintOptions options, List<LintFinding> findings)
    {
        TrainingImageFacts[] faces = [.. images.Where(i => i.Face is not null)];
        if (faces.Length < options.CoverageFrom)
        {
            return;
        }

        string[] bands = [.. faces.Where(f => f.Turn is not null).Select(f => HeadPoses.Of(f.Turn!.Value)).Distinct().Select(p => PoseBands[(int)p])];
        string[] missing = [.. PoseBands.Except(bands)];
        if (bands.Length <= 1 && missing.Length > 0)
        {
            findings.Add(new(LintRules.PoseCoverage, LintSeverity.Warning,
                $"Every face is {(bands.Length == 0 ? "of unknown pose" : bands[0])}; none is {string.Join(" or ", missing)}.",
                $"Add {string.Join(" and ", missing)} views.", []));
        }

        double[] luma = [.. faces.Where(f => f.FaceLuma is not null).Select(f => f.FaceLuma!.Value)];
        if (luma.Length >= options.CoverageFrom && luma.Max() - luma.Min() < options.MinLumaSpread)
        {
            findings.Add(new(LintRules.LightingCoverage, LintSeverity.Note,
                string.Create(CultureInfo.InvariantCulture, $"Every face is lit alike (mean luma {luma.Min():0} to {luma.Max():0})."),
                "Add photos in other light (darker, brighter, side-lit).", []));
        }
    }

    private static void Shapes(IReadOnlyList<TrainingImageFacts> images, TrainingSetLintOptions options, List<LintFinding> findings)
    {
        foreach (TrainingImageFacts image in images)
        {
            int shorter = Math.Min(image.Width, image.Height), longer = Math.Max(image.Width, image.Height);
            if (shorter < options.MinSide)
            {
                // Trainers upscale or bucket small images, so a small one weakens the set rather than breaking it.
                findings.Add(new(LintRules.Resolution, LintSeverity.Warning, $"{image.Name} is {image.Width}x{image.Height}; the provider takes {options.MinSide} px or more a side.", $"Replace {image.Name} with a larger image.", [image.Name]));
            }
            else if (longer < options.TrainingSide)
            {
                findings.Add(new(LintRules.Resolution, LintSeverity.Note, $"{image.Name} is {image.Width}x{image.Height}, under the training resolution ({options.TrainingSide} px).", $"Use a larger copy of {image.Name} if there is one.", [image.Name]));
            }

            if ((double)longer / shorter > options.MaxAspect)
            {
                findings.Add(new(LintRules.Aspect, LintSeverity.Note,
                    string.Create(CultureInfo.InvariantCulture, $"{image.Name} is {(double)longer / shorter:0.0}:1; trainers bucket up to {options.MaxAspect:0.#}:1."),
                    $"Crop {image.Name} nearer to square.", [image.Name]));
            }
        }
    }

    private static void Captions(IReadOnlyList<TrainingImageFacts> images, Character character, List<LintFinding> findings)
    {
        TrainingImageFacts[] captioned = [.. images.Where(i => !string.IsNullOrWhiteSpace(i.Caption))];
        string[] untriggered = [.. captioned.Where(i => !ContainsPhrase(i.Caption!, character.TriggerToken)).Select(i => i.Name)];
        if (untriggered.Length > 0)
        {
            findings.Add(new(LintRules.TriggerMissing, LintSeverity.Warning, $"{untriggered.Length} caption(s) lack the trigger \"{character.TriggerToken}\".",
                $"Start every caption with \"{character.TriggerToken}\".", untriggered));
        }

        if (captioned.Length < 2)
        {
            return;
        }

        foreach (string trait in FixedTraits(character.Profile).Where(t => captioned.All(i => ContainsPhrase(i.Caption!, t))))
        {
            findings.Add(new(LintRules.FixedTrait, LintSeverity.Warning,
                $"Every caption says \"{trait}\", a fixed trait: the identity binds to that phrase instead of the trigger.",
                $"Remove \"{trait}\" from the captions; describe what varies (framing, angle, light, background).", [.. captioned.Select(i => i.Name)]));
        }
    }

    /// <summary>The profile's fixed traits as phrases: each physical trait and the core identity.</summary>
    public static IReadOnlyList<string> FixedTraits(CharacterProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return [.. profile.PhysicalTraits.Append(profile.CoreIdentity).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="phrase"/> as whole words, ignoring case.</summary>
    public static bool ContainsPhrase(string text, string phrase)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phrase);
        int at = 0;
        while ((at = text.IndexOf(phrase, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            bool start = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            bool end = at + phrase.Length == text.Length || !char.IsLetterOrDigit(text[at + phrase.Length]);
            if (start && end)
            {
                return true;
            }

            at++;
        }

        return false;
    }
}
