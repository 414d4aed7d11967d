using Likeness.Core.Costs;
using Likeness.Core.Shots;

namespace Likeness.Core.Gates;

/// <summary>
/// The cheap draft of a shot: the same prompt and seed at half the width and height (a quarter of the pixels) where
/// the provider prices by the megapixel, else at the same size with a quarter of the steps (a provider that prices
/// per image charges the same, but answers sooner).
/// </summary>
public static class DraftRequest
{
    /// <summary>The smallest draft side, so faces stay big enough to find.</summary>
    public const int MinSide = 256;

    /// <summary>The fewest draft steps.</summary>
    public const int MinSteps = 4;

    /// <summary>The steps assumed for a full shot that does not set them (the FLUX-dev family's usual 28).</summary>
    public const int AssumedFullSteps = 28;

    /// <summary>The draft of <paramref name="full"/> at a provider whose generation is priced in <paramref name="unit"/>.</summary>
    public static ShotRequest For(ShotRequest full, PriceUnit unit)
    {
        ArgumentNullException.ThrowIfNull(full);
        return unit == PriceUnit.Megapixel
            ? full with { Width = Half(full.Width), Height = Half(full.Height) }
            : full with { Steps = Math.Max(MinSteps, (full.Steps ?? AssumedFullSteps) / 4) };
    }

    private static int Half(int side) => Math.Min(side, Math.Max(MinSide, (int)Math.Round(side / 2.0 / 64) * 64));
}
