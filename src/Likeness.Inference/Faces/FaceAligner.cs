using Likeness.Inference.Tensors;

namespace Likeness.Inference.Faces;

/// <summary>
/// Cuts the descriptor net's 150×150 input out of the image from the landmarks. Both modes share face-api's
/// geometry: eye centres le, re and mouth centre mo; <c>size = (|mo-le| + |mo-re|) / 2 / 0.45</c>; the centroid of the
/// three sits at (0.5, 0.43)·size in the crop.
/// </summary>
internal static class FaceAligner
{
    private const double RelX = 0.5;
    private const double RelY = 0.43;
    private const double RelScale = 0.45;

    /// <summary>face-api's <c>alignDlib</c> rect (integer, before clipping to the image).</summary>
    public static PixelRect FaceApiRect(FaceLandmarks landmarks)
    {
        (FacePoint le, FacePoint re, FacePoint mo) = (landmarks.LeftEye, landmarks.RightEye, landmarks.Mouth);
        int size = (int)Math.Floor(EyeToMouth(le, re, mo) / RelScale);
        FacePoint c = FaceLandmarks.Mean([le, re, mo]);
        int x = (int)Math.Floor(Math.Max(0, c.X - (RelX * size)));
        int y = (int)Math.Floor(Math.Max(0, c.Y - (RelY * size)));
        return new PixelRect(x, y, Math.Min(size, landmarks.Crop.Width + x), Math.Min(size, landmarks.Crop.Height + y));
    }

    /// <summary>face-api mode: the rect clipped to the image, zero-padded to a square and resized (legacy bilinear).</summary>
    public static Tensor FaceApiInput(PixelWindow image, FaceLandmarks landmarks)
    {
        PixelRect clipped = FaceApiRegion(landmarks, image.Width, image.Height);
        return clipped.Width <= 0 || clipped.Height <= 0
            ? default
            : FaceNetInput.Create(image, clipped, FaceRecognitionNet.InputSize, center: true, FaceRecognitionNet.MeanRgb);
    }

    /// <summary>The pixels <see cref="FaceApiInput"/> reads: the rect clipped to the image.</summary>
    public static PixelRect FaceApiRegion(FaceLandmarks landmarks, int imageWidth, int imageHeight)
    {
        PixelRect r = FaceApiRect(landmarks);
        return new FaceBox(r.X, r.Y, r.Width, r.Height).ClipToImage(imageWidth, imageHeight);
    }

    /// <summary>
    /// The pixels <see cref="AffineInput"/> can read: the bounds of its rotated square (whose extremes are its
    /// corners), widened by two pixels for the bilinear neighbour and rounding, clipped to the image; empty when the
    /// square lies wholly outside it (then it reads nothing).
    /// </summary>
    public static PixelRect AffineRegion(FaceLandmarks landmarks, int imageWidth, int imageHeight)
    {
        (FacePoint c, double cos, double sin) = AffineFrame(landmarks);
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        foreach (double u in (ReadOnlySpan<double>)[0, FaceRecognitionNet.InputSize - 1])
        {
            foreach (double v in (ReadOnlySpan<double>)[0, FaceRecognitionNet.InputSize - 1])
            {
                double dx = u - (RelX * FaceRecognitionNet.InputSize), dy = v - (RelY * FaceRecognitionNet.InputSize);
                double sx = c.X + (cos * dx) - (sin * dy), sy = c.Y + (sin * dx) + (cos * dy);
                (minX, maxX, minY, maxY) = (Math.Min(minX, sx), Math.Max(maxX, sx), Math.Min(minY, sy), Math.Max(maxY, sy));
            }
        }

        int left = (int)Math.Max(0, Math.Floor(minX) - 2), top = (int)Math.Max(0, Math.Floor(minY) - 2);
        int right = (int)Math.Min(imageWidth, Math.Floor(maxX) + 3), bottom = (int)Math.Min(imageHeight, Math.Floor(maxY) + 3);
        return right <= left || bottom <= top ? default : new PixelRect(left, top, right - left, bottom - top);
    }

    /// <summary>
    /// Affine mode: the same square, but rotated so the eyes are level, sampled bilinearly straight from the image
    /// into the 150×150 chip. A face cut by the border keeps its place and scale in the chip (face-api's clip-then-pad
    /// shifts and shrinks it); what lies outside the image is black (raw 0, as face-api pads), which on the
    /// public-domain set separated people better than repeating the border (margin 0.208 vs 0.190) or mirroring (0.095).
    /// </summary>
    public static Tensor AffineInput(PixelWindow image, FaceLandmarks landmarks)
    {
        const int S = FaceRecognitionNet.InputSize;
        (FacePoint c, double cos, double sin) = AffineFrame(landmarks);
        Tensor chip = Tensor.Rent(S, S, 3);
        Span<float> dst = chip.Span;
        float[] mean = FaceRecognitionNet.MeanRgb;
        int bpp = image.BytesPerPixel;
        for (int v = 0; v < S; v++)
        {
            double dy = v - (RelY * S);
            for (int u = 0; u < S; u++)
            {
                double dx = u - (RelX * S);
                double sx = c.X + (cos * dx) - (sin * dy);
                double sy = c.Y + (sin * dx) + (cos * dy);
                Sample(image, bpp, sx, sy, dst.Slice(((v * S) + u) * 3, 3));
                for (int ch = 0; ch < 3; ch++)
                {
                    dst[(((v * S) + u) * 3) + ch] = (dst[(((v * S) + u) * 3) + ch] - mean[ch]) / 255f;
                }
            }
        }

        return chip;
    }

    /// <summary>The centre of the eyes and mouth, and the chip's unit steps (rotated by the eye line, scaled to the face).</summary>
    private static (FacePoint Centre, double Cos, double Sin) AffineFrame(FaceLandmarks landmarks)
    {
        (FacePoint le, FacePoint re, FacePoint mo) = (landmarks.LeftEye, landmarks.RightEye, landmarks.Mouth);
        double size = EyeToMouth(le, re, mo) / RelScale;
        FacePoint c = FaceLandmarks.Mean([le, re, mo]);
        double angle = Math.Atan2(re.Y - le.Y, re.X - le.X);
        double step = size / FaceRecognitionNet.InputSize;
        return (c, Math.Cos(angle) * step, Math.Sin(angle) * step);
    }

    private static void Sample(PixelWindow image, int bpp, double x, double y, Span<float> rgb)
    {
        if (x < 0 || y < 0 || x > image.Width - 1 || y > image.Height - 1)
        {
            rgb.Clear();
            return;
        }

        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, image.Width - 1), y1 = Math.Min(y0 + 1, image.Height - 1);
        float fx = (float)(x - x0), fy = (float)(y - y0);
        int right = (x1 - x0) * bpp;
        ReadOnlySpan<byte> top = image.Row(y0, x0, x1 - x0 + 1), bottom = image.Row(y1, x0, x1 - x0 + 1);
        for (int ch = 0; ch < 3; ch++)
        {
            float tl = top[ch], tr = top[right + ch];
            float bl = bottom[ch], br = bottom[right + ch];
            float t = tl + ((tr - tl) * fx);
            float b = bl + ((br - bl) * fx);
            rgb[ch] = t + ((b - t) * fy);
        }
    }

    private static double EyeToMouth(FacePoint le, FacePoint re, FacePoint mo) =>
        (Distance(mo, le) + Distance(mo, re)) / 2;

    private static double Distance(FacePoint a, FacePoint b)
    {
        double dx = a.X - b.X, dy = a.Y - b.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
