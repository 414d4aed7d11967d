using System.Text;
using Likeness.Core.Text;

namespace Likeness.Core.Characters;

/// <summary>
/// When two character names are the same name. "Mira Okafor", "MIRA OKAFOR", "Mira  Okafor" and a name typed with
/// compatibility characters (full-width letters, a ligature) all name one person for the people who type them, so
/// the project keeps one of them; the key is what the database's unique index holds.
/// </summary>
public static class CharacterName
{
    /// <summary>The comparison key: trimmed, Unicode NFKC, runs of white space as one space, lower-cased invariantly.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string normalized = UnicodeNormalization.ToNfkc(name.Trim());
        var key = new StringBuilder(normalized.Length);
        bool space = false;
        foreach (char c in normalized)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && key.Length > 0)
            {
                key.Append(' ');
            }

            space = false;
            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> name the same character.</summary>
    public static bool Same(string a, string b) => string.Equals(Key(a), Key(b), StringComparison.Ordinal);
}
