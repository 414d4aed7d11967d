using System.Buffers;
using System.Net;
using System.Text;

namespace Likeness.Inference.Tokenization;

/// <summary>
/// CLIP's <c>basic_clean</c> + <c>whitespace_clean</c> + <c>lower()</c>. ftfy is not available in .NET, so the
/// parts of <c>ftfy.fix_text</c> that matter for prompts are done here: canonical composition (NFC) and
/// straight quotes.
/// </summary>
internal static class ClipTextCleaner
{
    private static readonly SearchValues<char> CurlyQuotes = SearchValues.Create("\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u201F");

    public static string Clean(string text)
    {
        string fixedText = StraightenQuotes(CanonicalComposition.Compose(text));

        // openai unescapes twice, so "&amp;amp;" becomes "&".
        string unescaped = WebUtility.HtmlDecode(WebUtility.HtmlDecode(fixedText));
        return CollapseWhitespace(unescaped).ToLowerInvariant();
    }

    /// <summary>ftfy's <c>uncurl_quotes</c>: typographic single and double quotes become ASCII ones.</summary>
    private static string StraightenQuotes(string text)
    {
        if (text.AsSpan().IndexOfAny(CurlyQuotes) < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u201A' or '\u201B' => '\'',
                '\u201C' or '\u201D' or '\u201E' or '\u201F' => '"',
                _ => c,
            });
        }

        return builder.ToString();
    }

    /// <summary><c>re.sub(r"\s+", " ", text).strip()</c>.</summary>
    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
