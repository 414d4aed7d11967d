using System.Globalization;
using System.Text;

namespace Likeness.Inference.Tokenization;

/// <summary>
/// Splits cleaned text the way CLIP's pattern does, scanning by Unicode scalar (so letters outside the BMP count
/// as letters, as in Python's <c>regex</c>):
/// <c>&lt;|startoftext|&gt;|&lt;|endoftext|&gt;|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+</c>.
/// </summary>
internal static class ClipPreTokenizer
{
    public const string StartOfText = "<|startoftext|>";
    public const string EndOfText = "<|endoftext|>";

    private static readonly string[] Contractions = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d"];

    /// <summary>Calls <paramref name="onPiece"/> with each piece in order.</summary>
    public static void Split(string text, Action<string> onPiece)
    {
        int i = 0;
        while (i < text.Length)
        {
            ReadOnlySpan<char> rest = text.AsSpan(i);
            string? literal = MatchLiteral(rest);
            if (literal is not null)
            {
                onPiece(text.Substring(i, literal.Length));
                i += literal.Length;
                continue;
            }

            Rune.DecodeFromUtf16(rest, out Rune rune, out int width);
            CharClass kind = Classify(rune);
            if (kind == CharClass.Space)
            {
                i += width;
                continue;
            }

            int end = i + width;
            if (kind != CharClass.Number)
            {
                // Letters run together; so do symbols (anything neither space, letter nor number).
                while (end < text.Length)
                {
                    Rune.DecodeFromUtf16(text.AsSpan(end), out Rune next, out int nextWidth);
                    if (Classify(next) != kind)
                    {
                        break;
                    }

                    end += nextWidth;
                }
            }

            onPiece(text[i..end]);
            i = end;
        }
    }

    private static string? MatchLiteral(ReadOnlySpan<char> rest)
    {
        if (rest[0] == '<')
        {
            if (rest.StartsWith(StartOfText, StringComparison.OrdinalIgnoreCase))
            {
                return StartOfText;
            }

            if (rest.StartsWith(EndOfText, StringComparison.OrdinalIgnoreCase))
            {
                return EndOfText;
            }
        }
        else if (rest[0] == '\'')
        {
            foreach (string contraction in Contractions)
            {
                if (rest.StartsWith(contraction, StringComparison.OrdinalIgnoreCase))
                {
                    return contraction;
                }
            }
        }

        return null;
    }

    private static CharClass Classify(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return CharClass.Space;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => CharClass.Letter,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                => CharClass.Number,
            _ => CharClass.Symbol,
        };
    }

    private enum CharClass
    {
        Space,
        Letter,
        Number,
        Symbol,
    }
}
