using Likeness.Core.Scenarios;
using Likeness.Core.Scoring;
using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Transforms;

namespace Likeness.Providers.Sim;

/// <summary>
/// "Generates" a shot by re-framing and re-lighting a real photo the way the scenario asks: a close crop on
/// the face, the whole figure small on an outdoor backdrop, an off-centre mirrored framing for profile,
/// low-key light, motion blur. Identity comes only from which photo it starts from.
/// </summary>
internal static class SimRenderer
{
    public static Image Render(Image source, FaceBox? face, Framing framing, bool monochrome, int width, int height, Random random)
    {
        using Image rgb = source.Format == PixelFormat.Rgb24 ? source.Clone() : source.ConvertTo(PixelFormat.Rgb24);
        double aspect = (double)width / height;
        Image shot = framing switch
        {
            Framing.Wide => Wide(rgb, width, height, random),
            Framing.Profile => Profile(rgb, face, aspect, width, height, random),
            Framing.LowLight => LowLight(rgb, face, aspect, width, height, random),
            Framing.Action => Action(rgb, face, aspect, width, height, random),
            _ => Frame(rgb, face, 2.4, 0, aspect, width, height, random),
        };

        SimEffects.Exposure(shot, 0.92 + (0.16 * random.NextDouble()));
        if (monochrome)
        {
            SimEffects.Monochrome(shot);
        }

        return shot;
    }

    /// <summary>
    /// A frame of several people side by side: each slot a portrait of its photo cropped to its share of the width
    /// (or an empty backdrop for a slot with no one), lit alike.
    /// </summary>
    public static Image Group(IReadOnlyList<(Image Photo, FaceBox? Face)?> slots, bool monochrome, int width, int height, Random random)
    {
        Image canvas = SimEffects.OutdoorBackdrop(width, height, random);
        int share = width / slots.Count;
        for (int i = 0; i < slots.Count; i++)
        {
            if (slots[i] is not { } slot)
            {
                continue;
            }

            using Image rgb = slot.Photo.Format == PixelFormat.Rgb24 ? slot.Photo.Clone() : slot.Photo.ConvertTo(PixelFormat.Rgb24);
            using Image portrait = Frame(rgb, slot.Face, 2.4, 0, (double)share / height, share, height, random);
            SimEffects.Place(canvas, portrait, i * share, 0);
        }

        SimEffects.Exposure(canvas, 0.92 + (0.16 * random.NextDouble()));
        if (monochrome)
        {
            SimEffects.Monochrome(canvas);
        }

        return canvas;
    }

    private static Image Profile(Image rgb, FaceBox? face, double aspect, int width, int height, Random random)
    {
        double side = random.Next(2) == 0 ? -0.22 : 0.22;
        using Image framed = Frame(rgb, face, 3.0, side, aspect, width, height, random);
        return side < 0 ? Geometry.FlipHorizontal(framed) : framed.Clone();
    }

    private static Image LowLight(Image rgb, FaceBox? face, double aspect, int width, int height, Random random)
    {
        Image framed = Frame(rgb, face, 3.6, 0, aspect, width, height, random);
        SimEffects.LowKey(framed, 0.45 + (0.15 * random.NextDouble()));
        return framed;
    }

    private static Image Action(Image rgb, FaceBox? face, double aspect, int width, int height, Random random)
    {
        using Image framed = Frame(rgb, face, 3.2, 0, aspect, width, height, random);
        return SimEffects.MotionBlur(framed, Math.Max(3, width / 90) | 1);
    }

    private static Image Wide(Image rgb, int width, int height, Random random)
    {
        Image canvas = SimEffects.OutdoorBackdrop(width, height, random);
        double scale = Math.Min(height * (0.55 + (0.1 * random.NextDouble())) / rgb.Height, width * 0.6 / rgb.Width);
        int fw = Math.Max(1, (int)(rgb.Width * scale)), fh = Math.Max(1, (int)(rgb.Height * scale));
        using Image figure = Resampler.Resize(rgb, fw, fh, ResampleFilter.Bicubic);
        int x = (int)((width - fw) * (0.2 + (0.6 * random.NextDouble())));
        SimEffects.Place(canvas, figure, x, height - fh - (height / 20));
        return canvas;
    }

    /// <summary>
    /// Crops a window of the target aspect around the face (<paramref name="faceHeights"/> face heights tall,
    /// shifted sideways by <paramref name="shift"/> window widths, jittered by a few percent) and resizes it.
    /// Without a face, it centres on the upper middle, where portraits put the head.
    /// </summary>
    private static Image Frame(Image rgb, FaceBox? face, double faceHeights, double shift, double aspect, int width, int height, Random random)
    {
        double cx = face is { } f ? f.X + (f.Width / 2) : rgb.Width / 2.0;
        double cy = face is { } g ? g.Y + (g.Height / 2) : rgb.Height * 0.4;
        double h = face is { } k ? k.Height * faceHeights : Math.Min(rgb.Height, rgb.Width / aspect) * faceHeights / 4;
        h *= 0.92 + (0.16 * random.NextDouble());
        double w = h * aspect;
        double fit = Math.Min(1, Math.Min(rgb.Width / w, rgb.Height / h));
        w *= fit;
        h *= fit;
        cx += (shift * w) + ((random.NextDouble() - 0.5) * 0.06 * w);
        cy += (random.NextDouble() - 0.5) * 0.06 * h;
        double left = Math.Clamp(cx - (w / 2), 0, Math.Max(0, rgb.Width - w)), top = Math.Clamp(cy - (h / 2), 0, Math.Max(0, rgb.Height - h));
        var box = new ResampleBox((float)left, (float)top, (float)Math.Min(rgb.Width, left + w), (float)Math.Min(rgb.Height, top + h));
        return Resampler.Resize(rgb, width, height, ResampleFilter.Bicubic, box);
    }
}
