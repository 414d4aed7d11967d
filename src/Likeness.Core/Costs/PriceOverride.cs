namespace Likeness.Core.Costs;

/// <summary>
/// One line of a user's price file: the new price of one app at one provider. <see cref="Unit"/> is null
/// when the line keeps the default's unit; <see cref="Line"/> is its 1-based position, for error messages.
/// </summary>
public sealed record PriceOverride(string Provider, string App, PriceUnit? Unit, decimal Usd, string Source, int Line)
{
    /// <summary>How error messages name the line.</summary>
    public string Label => $"price line {Line} ({Provider} {App})";
}
