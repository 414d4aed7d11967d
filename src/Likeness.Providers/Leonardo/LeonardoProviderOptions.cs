using Likeness.Core.Costs;

namespace Likeness.Providers.Leonardo;

/// <summary>Where the seed of a Leonardo generation comes from.</summary>
public enum LeonardoSeedPolicy
{
    /// <summary>
    /// The character's own seed, derived from its trigger token, on every shot: Leonardo's fixed-seed approach to a
    /// consistent character (the same prompt gives the same picture).
    /// </summary>
    Character,

    /// <summary>The shot's seed, as other providers use it.</summary>
    Shot,
}

/// <summary>How <see cref="LeonardoProvider"/> asks for Character Reference generations.</summary>
public sealed record LeonardoProviderOptions
{
    /// <summary>Leonardo Kino XL, the model of the documented Character Reference recipe (providers.md §4).</summary>
    public const string KinoXl = "aa77f04e-3eec-4034-9c07-d0f619684628";

    /// <summary>The provider's name in the registry.</summary>
    public string Name { get; init; } = LeonardoDescriptor.Name;

    /// <summary>Name for people.</summary>
    public string DisplayName { get; init; } = "Leonardo.ai (Character Reference)";

    /// <summary>The model id sent as <c>modelId</c>.</summary>
    public string ModelId { get; init; } = KinoXl;

    /// <summary>Character Reference strength: <c>Low</c>, <c>Mid</c> or <c>High</c> (null when <see cref="Weight"/> is used).</summary>
    public string? Strength { get; init; } = "Mid";

    /// <summary>Character Reference weight, 0 to 2, instead of <see cref="Strength"/> (Leonardo takes one, not both).</summary>
    public double? Weight { get; init; }

    /// <summary>Alchemy on or off (null: Leonardo's default).</summary>
    public bool? Alchemy { get; init; }

    /// <summary>Where seeds come from (default: the character's fixed seed).</summary>
    public LeonardoSeedPolicy Seeds { get; init; } = LeonardoSeedPolicy.Character;

    /// <summary>
    /// What one credit costs in USD, for requests Leonardo prices in <c>CREDITS</c>; null when unknown (the sources
    /// give credits no USD value), and such a call is charged at the price table's estimate.
    /// </summary>
    public decimal? UsdPerCredit { get; init; }

    /// <summary>The workspace's price overrides, applied to Leonardo's (empty) default prices.</summary>
    public PriceOverrides Prices { get; init; } = PriceOverrides.None;

    /// <summary>
    /// Options from the environment: <c>LIKENESS_LEONARDO_STRENGTH</c> (<c>Low</c>, <c>Mid</c>, <c>High</c> or a
    /// weight 0 to 2), <c>LIKENESS_LEONARDO_SEED</c> (<c>character</c> or <c>shot</c>) and
    /// <c>LIKENESS_LEONARDO_USD_PER_CREDIT</c>; unset ones keep their defaults. Checked here.
    /// </summary>
    public static LeonardoProviderOptions FromEnvironment(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = new LeonardoProviderOptions();
        if (environment("LIKENESS_LEONARDO_STRENGTH") is { Length: > 0 } strength)
        {
            options = double.TryParse(strength, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double weight)
                ? options with { Strength = null, Weight = weight }
                : options with { Strength = strength };
        }

        if (environment("LIKENESS_LEONARDO_SEED") is { Length: > 0 } seeds)
        {
            options = options with
            {
                Seeds = Enum.TryParse(seeds, ignoreCase: true, out LeonardoSeedPolicy policy) && Enum.IsDefined(policy)
                    ? policy
                    : throw new ArgumentException($"LIKENESS_LEONARDO_SEED is character or shot (got '{seeds}')."),
            };
        }

        if (environment("LIKENESS_LEONARDO_USD_PER_CREDIT") is { Length: > 0 } rate)
        {
            options = options with
            {
                UsdPerCredit = decimal.TryParse(rate, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal usd)
                    ? usd
                    : throw new ArgumentException($"LIKENESS_LEONARDO_USD_PER_CREDIT is not a number: '{rate}'."),
            };
        }

        options.Validate();
        return options;
    }

    /// <summary>Checks the values.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelId);
        if ((Strength is null) == (Weight is null))
        {
            throw new ArgumentException("Give Leonardo's Character Reference either a strength (Low, Mid, High) or a weight (0 to 2), not both.");
        }

        if (Strength is not (null or "Low" or "Mid" or "High"))
        {
            throw new ArgumentException($"Character Reference takes strength Low, Mid or High (got '{Strength}').");
        }

        if (Weight is < 0 or > 2 || (Weight is { } w && double.IsNaN(w)))
        {
            throw new ArgumentOutOfRangeException(nameof(Weight), Weight, "A Character Reference weight is 0 to 2.");
        }

        if (UsdPerCredit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(UsdPerCredit), UsdPerCredit, "Must not be negative.");
        }
    }
}
