using System.Globalization;
using Likeness.Core.Shots;
using Likeness.Core.Text;
using Likeness.Testing;

namespace Likeness.Core.Tests.Text;

public sealed class UnicodeNormalizationTests
{
    /// <summary>
    /// Python's unicodedata (Unicode 14) on every code point that NFC or NFKC changes, a sample of Hangul syllables and
    /// 3,000 random sequences of letters, jamo and marks in scrambled order (tools/unicode/generate.py): exact, no tolerance.
    /// </summary>
    [Fact]
    public void Matches_python_unicodedata_on_every_changed_code_point_and_random_mark_sequences()
    {
        string[] lines = [.. File.ReadLines(Path.Combine(RepoPaths.Root, "tests", "data", "unicode", "normalization-golden.txt")).Where(l => !l.StartsWith('#'))];
        Assert.True(lines.Length > 7500, $"only {lines.Length} golden cases");
        var failures = new List<string>();
        foreach (string line in lines)
        {
            string[] f = line.Split(';');
            string input = Text(f[0]);
            if (UnicodeNormalization.ToNfc(input) != Text(f[1]) || UnicodeNormalization.ToNfkc(input) != Text(f[2]))
            {
                failures.Add(line);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {lines.Length} differ, first: {string.Join(" | ", failures.Take(5))}");
    }

    [Fact]
    public void Ascii_is_returned_as_is_and_lone_surrogates_survive()
    {
        const string ascii = "Mira Okafor at a train station";
        Assert.Same(ascii, UnicodeNormalization.ToNfc(ascii));
        Assert.Equal("a\uD800b\u00E9", UnicodeNormalization.ToNfc("a\uD800be\u0301"));
        Assert.Equal(string.Empty, UnicodeNormalization.ToNfkc(string.Empty));
    }

    [Fact]
    public void A_prompt_typed_with_a_combining_accent_hits_the_same_cache_key()
    {
        var id = Guid.CreateVersion7();
        string precomposed = ShotCacheKey.Compute(id, 1, "sim", new ShotRequest { Prompt = "caf\u00E9 at dawn" });
        Assert.Equal(precomposed, ShotCacheKey.Compute(id, 1, "sim", new ShotRequest { Prompt = "cafe\u0301  at dawn" }));
        Assert.NotEqual(precomposed, ShotCacheKey.Compute(id, 1, "sim", new ShotRequest { Prompt = "cafe at dawn" }));
    }

    private static string Text(string codePoints) => codePoints.Length == 0
        ? string.Empty
        : string.Concat(codePoints.Split(' ').Select(h => char.ConvertFromUtf32(int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
}
