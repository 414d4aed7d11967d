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
