using System.Globalization;
using System.Text.Json;
using Likeness.Core.Providers;

namespace Likeness.Core.Costs;

/// <summary>
/// The user's price corrections (prices change faster than releases), read from a JSON file:
/// <c>{"prices": [{"provider": "fal", "app": "fal-ai/instant-character", "unit": "megapixel", "usd": 0.12, "source": "invoice 2026-11"}]}</c>.
/// Each line replaces one line of a provider's price table, or prices an app of the provider that has no
/// default price. Every mistake is reported with the line it is on, never ignored.
/// </summary>
public sealed class PriceOverrides
{
    private readonly List<PriceOverride> _lines;

    private PriceOverrides(string origin, List<PriceOverride> lines)
    {
        Origin = origin;
        _lines = lines;
    }

    /// <summary>No overrides.</summary>
    public static PriceOverrides None { get; } = new("no price file", []);

    /// <summary>Where the lines came from (the file path), for messages.</summary>
    public string Origin { get; }

    /// <summary>Every line, in file order.</summary>
    public IReadOnlyList<PriceOverride> Lines => _lines;

    /// <summary>Parses a price file's text; <paramref name="origin"/> names the file in error messages.</summary>
    public static PriceOverrides Parse(string json, string origin)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(origin);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{origin}: not valid JSON at {JsonProblem.Describe(ex)}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("prices", out JsonElement prices) || prices.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidInputException($"{origin}: expected {{\"prices\": [{{\"provider\", \"app\", \"usd\", \"unit\"?, \"source\"?}}, ...]}}.");
            }

            var lines = new List<PriceOverride>();
            foreach (JsonElement element in prices.EnumerateArray())
            {
                PriceOverride line = ParseLine(element, lines.Count + 1, origin);
                if (lines.Any(l => l.Provider.Equals(line.Provider, StringComparison.OrdinalIgnoreCase) && l.App.Equals(line.App, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new InvalidInputException($"{origin}: {line.Label} prices the same app twice.");
                }

                lines.Add(line);
            }

            return new PriceOverrides(origin, lines);
        }
    }

    /// <summary>Fails on a line naming a provider that is not in <paramref name="providers"/>.</summary>
    public void RequireKnownProviders(IReadOnlyCollection<string> providers)
    {
        ArgumentNullException.ThrowIfNull(providers);
        foreach (PriceOverride line in _lines.Where(l => !providers.Contains(l.Provider, StringComparer.OrdinalIgnoreCase)))
        {
            throw new InvalidInputException($"{Origin}: {line.Label}: there is no provider '{line.Provider}'. Known: {string.Join(", ", providers.Order(StringComparer.Ordinal))}.");
        }
    }

    /// <summary>
    /// The descriptor with this file's lines for it applied. A line must name a priced app or one of the
    /// provider's apps, and keep the default's unit (an estimate per image cannot become one per second).
    /// </summary>
    public ProviderDescriptor Apply(ProviderDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var prices = new List<Price>();
        foreach (PriceOverride line in _lines.Where(l => l.Provider.Equals(descriptor.Name, StringComparison.OrdinalIgnoreCase)))
        {
            Price? current = descriptor.Prices.Find(line.App);
            if (current is null && !descriptor.Apps.Values.Contains(line.App, StringComparer.OrdinalIgnoreCase))
            {
                string known = string.Join(", ", descriptor.Prices.Prices.Select(p => p.App).Concat(descriptor.Apps.Values).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
                throw new InvalidInputException($"{Origin}: {line.Label}: {descriptor.Name} has no app '{line.App}'. Its apps: {known}.");
            }

            PriceUnit unit = line.Unit ?? current?.Unit
                ?? throw new InvalidInputException($"{Origin}: {line.Label}: the app has no default price, so the line must give its \"unit\".");
            if (current is not null && unit != current.Unit)
            {
                throw new InvalidInputException(
                    $"{Origin}: {line.Label}: the unit '{Name(unit)}' differs from the default's '{Name(current.Unit)}'; a price line changes the amount, not what is counted.");
            }

            prices.Add(new Price(current?.App ?? line.App, unit, line.Usd, line.Source));
        }

        return prices.Count == 0 ? descriptor : descriptor with { Prices = descriptor.Prices.With(prices) };
    }

    /// <summary>The lower-case name a unit has in price files.</summary>
    public static string Name(PriceUnit unit) => unit switch
    {
        PriceUnit.VideoSecond => "video_second",
        _ => unit.ToString().ToLowerInvariant(),
    };

    private static PriceOverride ParseLine(JsonElement element, int line, string origin)
    {
        string where = $"{origin}: price line {line}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidInputException($"{where}: expected an object with \"provider\", \"app\" and \"usd\".");
        }

        string provider = Text(element, "provider", where);
        string app = Text(element, "app", where);
        where = $"{origin}: price line {line} ({provider} {app})";
        if (!element.TryGetProperty("usd", out JsonElement usd) || usd.ValueKind != JsonValueKind.Number || !usd.TryGetDecimal(out decimal amount))
        {
            throw new InvalidInputException($"{where}: \"usd\" must be a number.");
        }

        if (amount < 0)
        {
            throw new InvalidInputException($"{where}: \"usd\" cannot be negative (got {amount.ToString(CultureInfo.InvariantCulture)}).");
        }

        PriceUnit? unit = null;
        if (element.TryGetProperty("unit", out JsonElement unitElement))
        {
            string name = unitElement.ValueKind == JsonValueKind.String ? unitElement.GetString()! : "";
            unit = Enum.GetValues<PriceUnit>().Cast<PriceUnit?>().FirstOrDefault(u => Name(u!.Value).Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidInputException($"{where}: unknown unit '{name}'. Units: {string.Join(", ", Enum.GetValues<PriceUnit>().Select(Name))}.");
        }

        string source = element.TryGetProperty("source", out JsonElement s) && s.ValueKind == JsonValueKind.String && s.GetString() is { Length: > 0 } given
            ? given
            : $"override in {origin}";
        return new PriceOverride(provider, app, unit, amount, source, line);
    }

    private static string Text(JsonElement element, string name, string where) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : throw new InvalidInputException($"{where}: \"{name}\" must be a non-empty string.");
}
