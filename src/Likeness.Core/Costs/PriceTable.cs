namespace Likeness.Core.Costs;

/// <summary>What a provider charges for.</summary>
public enum PriceUnit
{
    /// <summary>Per image generated.</summary>
    Image,

    /// <summary>Per megapixel generated (width × height / 1,000,000, per image).</summary>
    Megapixel,

    /// <summary>Per second of video.</summary>
    VideoSecond,

    /// <summary>Per training run.</summary>
    Training,
}

/// <summary>One priced operation of a provider app.</summary>
public sealed record Price(string App, PriceUnit Unit, decimal Usd, string Source);

/// <summary>
/// A provider's prices, for estimates and for reserving budget before a call. The defaults come from the
/// providers' published prices; users can override any line (prices change).
/// </summary>
public sealed class PriceTable(IEnumerable<Price> prices)
{
    private readonly Dictionary<string, Price> _prices = prices.ToDictionary(p => p.App, StringComparer.OrdinalIgnoreCase);

    /// <summary>All lines.</summary>
    public IReadOnlyCollection<Price> Prices => _prices.Values;

    /// <summary>The line for <paramref name="app"/>.</summary>
    public Price? Find(string app) => _prices.GetValueOrDefault(app);

    /// <summary>A copy with <paramref name="overrides"/> replacing lines of the same app.</summary>
    public PriceTable With(IEnumerable<Price> overrides) => new(_prices.Values.Where(p => !overrides.Any(o => o.App.Equals(p.App, StringComparison.OrdinalIgnoreCase))).Concat(overrides));

    /// <summary>Estimated cost of <paramref name="count"/> images of the given size.</summary>
    public decimal EstimateImages(string app, int width, int height, int count)
    {
        Price price = Require(app);
        return price.Unit switch
        {
            PriceUnit.Image => price.Usd * count,
            PriceUnit.Megapixel => price.Usd * count * (decimal)width * height / 1_000_000m,
            _ => throw new RuleViolationException($"{app} is not priced per image."),
        };
    }

    /// <summary>Estimated cost of a video.</summary>
    public decimal EstimateVideo(string app, double seconds) => Require(app) is { Unit: PriceUnit.VideoSecond } p
        ? p.Usd * (decimal)seconds
        : throw new RuleViolationException($"{app} is not priced per video second.");

    /// <summary>Estimated cost of a training run.</summary>
    public decimal EstimateTraining(string app) => Require(app) is { Unit: PriceUnit.Training } p
        ? p.Usd
        : throw new RuleViolationException($"{app} is not priced per training.");

    private Price Require(string app) =>
        Find(app) ?? throw new RuleViolationException($"No price is known for '{app}'; add one to the price table.");
}
