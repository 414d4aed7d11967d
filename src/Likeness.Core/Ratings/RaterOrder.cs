namespace Likeness.Core.Ratings;

/// <summary>
/// The order one rater sees a session's pairs in, and which shot of each pair is on the left: drawn from the rater's
/// seed (recorded with the rater), so every rater gets an independent order and the same rater gets the same order
/// after a reload. Position effects (the first pairs, the left side) are spread evenly instead of favouring a provider.
/// </summary>
public sealed class RaterOrder
{
    private readonly int[] _order;
    private readonly bool[] _swapped;

    private RaterOrder(int[] order, bool[] swapped)
    {
        _order = order;
        _swapped = swapped;
    }

    /// <summary>How many pairs.</summary>
    public int Count => _order.Length;

    /// <summary>A Fisher–Yates shuffle of <paramref name="pairCount"/> pair indices and a coin per pair for its sides.</summary>
    public static RaterOrder From(int seed, int pairCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pairCount);

        // System.Random with a seed is the same sequence on every platform and .NET version (its seeded algorithm is frozen).
        var random = new Random(seed);
        int[] order = [.. Enumerable.Range(0, pairCount)];
        for (int i = pairCount - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        bool[] swapped = new bool[pairCount];
        for (int i = 0; i < pairCount; i++)
        {
            swapped[i] = random.Next(2) == 1;
        }

        return new RaterOrder(order, swapped);
    }

    /// <summary>The index of the pair shown at <paramref name="position"/> (0-based).</summary>
    public int PairAt(int position) => _order[position];

    /// <summary>True when pair <paramref name="pairIndex"/>'s second shot is shown on the left.</summary>
    public bool IsSwapped(int pairIndex) => _swapped[pairIndex];

    /// <summary>The stored answer for what the rater pressed on pair <paramref name="pairIndex"/>.</summary>
    public RatingAnswer AnswerFor(int pairIndex, RatingSide side) => side switch
    {
        RatingSide.CannotTell => RatingAnswer.CannotTell,
        RatingSide.Left => _swapped[pairIndex] ? RatingAnswer.Second : RatingAnswer.First,
        RatingSide.Right => _swapped[pairIndex] ? RatingAnswer.First : RatingAnswer.Second,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Unknown side."),
    };
}
