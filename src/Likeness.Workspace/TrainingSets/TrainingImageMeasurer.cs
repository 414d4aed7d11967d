using Likeness.Core;
using Likeness.Core.References;
using Likeness.Core.Scoring;
using Likeness.Core.TrainingSets;
using Likeness.Imaging;
using Likeness.Imaging.Statistics;
using Likeness.Inference.Clip;
using Likeness.Workspace.Clip;

namespace Likeness.Workspace.TrainingSets;

/// <summary>
/// Measures one training image for the lint and its caption: size, difference hash, the largest face (box, descriptor,
/// head turn, mean luma), the border's colour, and CLIP zero-shot labels when a CLIP model is installed.
/// </summary>
internal sealed class TrainingImageMeasurer(IFaceAnalyzer? faces, ClipEngine? clip)
{
    // Zero-shot groups: the best prompt of each group becomes a caption label. Only things that vary between photos.
    private static readonly (string Label, string Prompt)[][] LabelGroups =
    [
        [("indoors", "a photo of a person indoors"), ("outdoors", "a photo of a person outdoors"), ("studio backdrop", "a studio portrait on a plain backdrop")],
        [("smiling", "a photo of a smiling person"), ("neutral expression", "a photo of a person with a neutral expression")],
    ];

    private readonly Lazy<float[][][]> _prompts = new(() => [.. LabelGroups.Select(g => g.Select(p => clip!.EmbedText(p.Prompt)).ToArray())]);

    /// <summary>Measures <paramref name="input"/>; a file that is not a whole JPEG, PNG or WebP is a clear error naming it.</summary>
    /// <exception cref="InvalidInputException">The file is empty, not an image, or truncated.</exception>
    public TrainingImageFacts Measure(TrainingImageInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        cancellationToken.ThrowIfCancellationRequested();
        if (input.Bytes.IsEmpty)
        {
            throw new InvalidInputException($"{input.Name} is empty (0 bytes).", "images");
        }

        DecodedImage decoded;
        try
        {
            decoded = ImageDecoder.Decode(input.Bytes.Span, DecodeOptions.Upright);
        }
        catch (InvalidImageException ex)
        {
            throw new InvalidInputException($"{input.Name} cannot be read as an image: {ex.Message}", "images");
        }

        using (decoded)
        {
            if (decoded.IsTruncated)
            {
                throw new InvalidInputException($"{input.Name} is truncated (the file ends before the image does).", "images");
            }

            Image image = decoded.Image;
            var facts = new TrainingImageFacts
            {
                Name = input.Name,
                Width = image.Width,
                Height = image.Height,
                Fingerprint = ImageFingerprint.Compute(image),
                Background = BorderColour.Measure(image),
                Labels = clip is null ? [] : Labels(image),
                Caption = string.IsNullOrWhiteSpace(input.Caption) ? null : input.Caption.Trim(),
            };
            if (faces is null)
            {
                return facts;
            }

            IReadOnlyList<FaceObservation> found = faces.Analyze(image, cancellationToken);
            if (FaceDistance.Largest(found) is not { } face)
            {
                return facts;
            }

            FaceBox box = face.Box;
            RegionStatistics stats = RegionStatistics.Measure(image, (int)box.X, (int)box.Y, Math.Max(3, (int)box.Width), Math.Max(3, (int)box.Height));
            return facts with
            {
                FacesFound = found.Count,
                Face = box,
                Descriptor = face.Descriptor,
                Turn = HeadPoses.Turn(face.Landmarks),
                FaceLuma = stats.MeanLuma,
            };
        }
    }

    private string[] Labels(Image image)
    {
        float[] embedding = clip!.EmbedImage(image);
        float[][][] prompts = _prompts.Value;
        return [.. LabelGroups.Select((group, g) => group[Enumerable.Range(0, group.Length).MaxBy(i => ClipMetrics.Cosine(embedding, prompts[g][i]))].Label)];
    }
}
