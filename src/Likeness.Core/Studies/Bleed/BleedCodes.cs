using Likeness.Core.Gates.Bleed;

namespace Likeness.Core.Studies.Bleed;

/// <summary>
/// The text a two-character study row records for its bleed check (<see cref="StudyShotResult.Bleed"/>): "none", or the
/// kinds found joined by "+" in a fixed order ("duplicated", "missing", "ambiguous").
/// </summary>
public static class BleedCodes
{
    /// <summary>Every expected character showed once and every face was clear.</summary>
    public const string None = "none";

    /// <summary>A character showed twice.</summary>
    public const string Duplicated = "duplicated";

    /// <summary>An expected character did not show.</summary>
    public const string Missing = "missing";

    /// <summary>A face could be either of two characters.</summary>
    public const string Ambiguous = "ambiguous";

    /// <summary>The code of <paramref name="check"/>.</summary>
    public static string Of(BleedCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var kinds = new List<string>(3);
        if (check.Duplicated.Count > 0)
        {
            kinds.Add(Duplicated);
        }

        if (check.Missing.Count > 0)
        {
            kinds.Add(Missing);
        }

        if (check.Ambiguous > 0)
        {
            kinds.Add(Ambiguous);
        }

        return kinds.Count == 0 ? None : string.Join('+', kinds);
    }

    /// <summary>Whether <paramref name="code"/> (a row's bleed) names a bleed.</summary>
    public static bool Bled(string code) => !string.Equals(code, None, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="code"/> includes <paramref name="kind"/>.</summary>
    public static bool Has(string code, string kind)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Split('+').Contains(kind, StringComparer.Ordinal);
    }
}
