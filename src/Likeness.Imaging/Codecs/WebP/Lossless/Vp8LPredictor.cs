namespace Likeness.Imaging.Codecs.WebP.Lossless;

/// <summary>The 14 VP8L spatial predictors and their per-channel arithmetic on packed ARGB.</summary>
internal static class Vp8LPredictor
{
    /// <summary>The prediction for <paramref name="mode"/> from the left, top, top-left and top-right pixels.</summary>
    public static uint Predict(int mode, uint l, uint t, uint tl, uint tr) => mode switch
    {
        1 => l,
        2 => t,
        3 => tr,
        4 => tl,
        5 => Average(Average(l, tr), t),
        6 => Average(l, tl),
        7 => Average(l, t),
        8 => Average(tl, t),
        9 => Average(t, tr),
        10 => Average(Average(l, tl), Average(t, tr)),
        11 => Select(l, t, tl),
        12 => ClampAddSubtractFull(l, t, tl),
        13 => ClampAddSubtractHalf(Average(l, t), tl),
        // 0, and 14 and 15 which the format leaves unused (libwebp treats them as 0).
        _ => 0xFF000000,
    };

    /// <summary>Adds two pixels channel by channel, modulo 256.</summary>
    public static uint Add(uint a, uint b) =>
        (((a & 0xFF00FF00) + (b & 0xFF00FF00)) & 0xFF00FF00) | (((a & 0x00FF00FF) + (b & 0x00FF00FF)) & 0x00FF00FF);

    private static uint Average(uint a, uint b) => (((a ^ b) & 0xFEFEFEFE) >> 1) + (a & b);

    private static int Channel(uint pixel, int shift) => (int)((pixel >> shift) & 0xFF);

    private static uint Select(uint l, uint t, uint tl)
    {
        int toLeft = 0, toTop = 0;
        for (int shift = 0; shift < 32; shift += 8)
        {
            int estimate = Channel(l, shift) + Channel(t, shift) - Channel(tl, shift);
            toLeft += Math.Abs(estimate - Channel(l, shift));
            toTop += Math.Abs(estimate - Channel(t, shift));
        }

        return toLeft < toTop ? l : t;
    }

    private static uint ClampAddSubtractFull(uint a, uint b, uint c)
    {
        uint result = 0;
        for (int shift = 0; shift < 32; shift += 8)
        {
            result |= (uint)Math.Clamp(Channel(a, shift) + Channel(b, shift) - Channel(c, shift), 0, 255) << shift;
        }

        return result;
    }

    private static uint ClampAddSubtractHalf(uint a, uint b)
    {
        uint result = 0;
        for (int shift = 0; shift < 32; shift += 8)
        {
            int ca = Channel(a, shift);
            result |= (uint)Math.Clamp(ca + ((ca - Channel(b, shift)) / 2), 0, 255) << shift;
        }

        return result;
    }
}
