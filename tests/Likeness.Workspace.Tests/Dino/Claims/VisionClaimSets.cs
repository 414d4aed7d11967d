using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Transforms;
using Likeness.Testing;
using static Likeness.Workspace.Tests.Dino.Claims.Drawing;

namespace Likeness.Workspace.Tests.Dino.Claims;

/// <summary>A labelled image: whose it is and how it was made.</summary>
internal sealed record LabelledImage(string Character, string Name, Image Image);

/// <summary>
/// The images the DINO claims are measured on. Face-visible: the single-person public-domain photos of
/// ../shared/data/faces-pd (samples/cast holds the same files). Hidden-face: each photo with its face masked and its
/// torso alone (what a back view or a crop below the face shows), and a cartoon character drawn from shapes in two
/// colourings, six poses each.
/// </summary>
internal static class VisionClaimSets
{
    private static readonly (string Character, string File)[] Photos =
    [
        ("Obama", "obama.jpg"), ("Obama", "obama1.jpg"), ("Obama", "obama2.jpg"), ("Obama", "obama3.jpg"), ("Biden", "biden.jpg"), ("Biden", "biden2.jpg"),
    ];

    public static IReadOnlyList<LabelledImage> FacePhotos()
    {
        string folder = Path.Combine(RepoPaths.Root, "samples", "cast");
        return [.. Photos.Select(p =>
        {
            using DecodedImage decoded = ImageDecoder.Decode(File.ReadAllBytes(Path.Combine(folder, p.File)), DecodeOptions.Upright);
            return new LabelledImage(p.Character, p.File, decoded.Image.ConvertTo(PixelFormat.Rgb24));
        })];
    }

    /// <summary>Each photo with its largest face covered (1.3× the box, mid grey) and its torso below the face alone.</summary>
    public static IReadOnlyList<LabelledImage> HiddenFaces(IReadOnlyList<LabelledImage> photos, IFaceAnalyzer faces)
    {
        var hidden = new List<LabelledImage>();
        foreach (LabelledImage photo in photos)
        {
            FaceBox box = FaceDistance.Largest(faces.Analyze(photo.Image))?.Box
                ?? throw new InvalidOperationException($"No face in {photo.Name}: the mask needs one.");
            Image masked = photo.Image.Clone();
            FillRectangle(masked, box.X - (0.15 * box.Width), box.Y - (0.15 * box.Height), 1.3 * box.Width, 1.3 * box.Height, new Rgb(128, 128, 128));
            hidden.Add(new LabelledImage(photo.Character, photo.Name + " masked", masked));
            int top = (int)Math.Min(photo.Image.Height - 2, box.Y + (1.2 * box.Height));
            int left = (int)Math.Max(0, box.X - box.Width), right = (int)Math.Min(photo.Image.Width, box.X + (2 * box.Width));
            hidden.Add(new LabelledImage(photo.Character, photo.Name + " torso", Geometry.Crop(photo.Image, left, top, right - left, photo.Image.Height - top)));
        }

        return hidden;
    }

    /// <summary>One cartoon figure (hat, head, coat, legs) in two colourings, each in six poses (place, size, background).</summary>
    public static IReadOnlyList<LabelledImage> Cartoons()
    {
        (string Name, Rgb Hat, Rgb Coat, Rgb Legs)[] colourings =
        [
            ("Red-hat", new Rgb(200, 30, 40), new Rgb(30, 70, 200), new Rgb(40, 40, 40)),
            ("Green-hat", new Rgb(30, 160, 60), new Rgb(230, 200, 40), new Rgb(120, 70, 30)),
        ];
        Rgb[] backgrounds = [new(235, 235, 225), new(180, 210, 235), new(200, 230, 190)];
        var images = new List<LabelledImage>();
        foreach (var (name, hat, coat, legs) in colourings)
        {
            for (int pose = 0; pose < 6; pose++)
            {
                double scale = 0.8 + (0.08 * pose), cx = 120 + (pose % 3 * 40), top = 30 + (pose % 2 * 25);
                Image image = Canvas(320, 320, backgrounds[pose % 3]);
                double head = 28 * scale;
                FillTriangle(image, cx, top, top + (40 * scale), 34 * scale, hat);
                FillEllipse(image, cx, top + (40 * scale) + head, head, head, new Rgb(245, 205, 170));
                double body = top + (40 * scale) + (2 * head);
                FillRectangle(image, cx - (40 * scale), body, 80 * scale, 100 * scale, coat);
                FillRectangle(image, cx - (30 * scale), body + (100 * scale), 22 * scale, 60 * scale, legs);
                FillRectangle(image, cx + (8 * scale), body + (100 * scale), 22 * scale, 60 * scale, legs);
                images.Add(new LabelledImage(name, $"{name} pose {pose}", image));
            }
        }

        return images;
    }
}
