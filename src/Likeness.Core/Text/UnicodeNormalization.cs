using System.Globalization;
using System.Text;

namespace Likeness.Core.Text;

/// <summary>
/// Unicode normalization forms C and KC (UAX #15) in managed code. Likeness runs with InvariantGlobalization (no ICU),
/// where <see cref="string.Normalize(NormalizationForm)"/> returns non-ASCII text unchanged, so "é" typed as e + U+0301
/// and the precomposed "é" would be two different prompts or names. The tables (unicode-normalization.txt, embedded)
/// are generated from Python's unicodedata by tools/unicode/generate.py; Hangul syllables follow the standard's rule.
/// </summary>
public static class UnicodeNormalization
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7, LCount = 19, VCount = 21, TCount = 28;
    private const int NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Load);

    /// <summary>Canonical composition (NFC): the same text in the same code points, whatever the keyboard produced.</summary>
    public static string ToNfc(string text) => Normalize(text, compatibility: false);

    /// <summary>Compatibility composition (NFKC): also folds full-width letters, ligatures, superscripts and the like.</summary>
    public static string ToNfkc(string text) => Normalize(text, compatibility: true);

    private static string Normalize(string text, bool compatibility)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return text;
        }

        Tables tables = Data.Value;
        List<int> buffer = Decompose(text, compatibility, tables);
        Order(buffer, tables);
        Compose(buffer, tables);
        var result = new StringBuilder(buffer.Count);
        foreach (int cp in buffer)
        {
            if (cp is >= 0xD800 and <= 0xDFFF)
            {
                result.Append((char)cp);
            }
            else
            {
                result.Append(char.ConvertFromUtf32(cp));
            }
        }

        return result.ToString();
    }

    private static List<int> Decompose(string text, bool compatibility, Tables tables)
    {
        var buffer = new List<int>(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cp = char.ConvertToUtf32(text[i], text[++i]);
            }

            if (cp is >= SBase and < SBase + SCount)
            {
                int s = cp - SBase;
                buffer.Add(LBase + (s / NCount));
                buffer.Add(VBase + (s % NCount / TCount));
                if (s % TCount != 0)
                {
                    buffer.Add(TBase + (s % TCount));
                }
            }
            else if ((compatibility ? tables.Compatibility : tables.Canonical).TryGetValue(cp, out int[]? mapped)
                || (compatibility && tables.Canonical.TryGetValue(cp, out mapped)))
            {
                buffer.AddRange(mapped);
            }
            else
            {
                buffer.Add(cp); // lone surrogates pass through unchanged
            }
        }

        return buffer;
    }

    /// <summary>The canonical ordering algorithm: each run of non-starters sorted by combining class, stably.</summary>
    private static void Order(List<int> buffer, Tables tables)
    {
        for (int i = 1; i < buffer.Count; i++)
        {
            int cp = buffer[i];
            int cc = tables.Class(cp);
            if (cc == 0)
            {
                continue;
            }

            int j = i;
            while (j > 0 && tables.Class(buffer[j - 1]) > cc)
            {
                buffer[j] = buffer[j - 1];
                j--;
            }

            buffer[j] = cp;
        }
    }

    /// <summary>The canonical composition algorithm: a mark joins the last starter unless a character between blocks it.</summary>
    private static void Compose(List<int> buffer, Tables tables)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        int starterIndex = 0;
        int lastClass = tables.Class(buffer[0]) == 0 ? 0 : 256; // a leading non-starter has no starter to join
        int written = 1;
        for (int read = 1; read < buffer.Count; read++)
        {
            int cp = buffer[read];
            int cc = tables.Class(cp);
            int composite = ComposePair(buffer[starterIndex], cp, tables);
            if (composite >= 0 && (lastClass < cc || lastClass == 0))
            {
                buffer[starterIndex] = composite;
                continue;
            }

            if (cc == 0)
            {
                starterIndex = written;
            }

            lastClass = cc;
            buffer[written++] = cp;
        }

        buffer.RemoveRange(written, buffer.Count - written);
    }

    private static int ComposePair(int first, int second, Tables tables)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            return SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            return first + (second - TBase);
        }

        return tables.Composites.TryGetValue(((long)first << 21) | (uint)second, out int composite) ? composite : -1;
    }

    private sealed class Tables
    {
        public Dictionary<int, int[]> Canonical { get; } = [];

        public Dictionary<int, int[]> Compatibility { get; } = [];

        public Dictionary<int, byte> Classes { get; } = [];

        public Dictionary<long, int> Composites { get; } = [];

        public int Class(int cp) => cp < 0x300 ? 0 : Classes.GetValueOrDefault(cp);

        public static Tables Load()
        {
            using Stream stream = typeof(UnicodeNormalization).Assembly.GetManifestResourceStream("Likeness.Core.Text.unicode-normalization.txt")
                ?? throw new InvalidOperationException("The Unicode normalization table is missing from Likeness.Core.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var tables = new Tables();
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                string[] f = line.Split(';');
                int cp = Hex(f[1]);
                switch (f[0])
                {
                    case "D":
                        if (f[2].Length > 0)
                        {
                            tables.Canonical[cp] = Points(f[2]);
                        }

                        if (f[3].Length > 0)
                        {
                            tables.Compatibility[cp] = Points(f[3]);
                        }

                        break;
                    case "C":
                        tables.Classes[cp] = byte.Parse(f[2], CultureInfo.InvariantCulture);
                        break;
                    case "P":
                        tables.Composites[((long)cp << 21) | (uint)Hex(f[2])] = Hex(f[3]);
                        break;
                }
            }

            return tables;
        }

        private static int Hex(string s) => int.Parse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        private static int[] Points(string s) => [.. s.Split(' ').Select(Hex)];
    }
}
