using System.Text.Json;
using Likeness.Inference.Tokenization;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Clip;

/// <summary>Byte-for-byte parity with openai/CLIP's tokenizer on the 21 golden cases and the 8 golden.json texts.</summary>
public sealed class ClipTokenizerTests
{
    public static TheoryData<int> GoldenCases()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < TokenGoldens.RootElement.GetProperty("cases").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static JsonDocument TokenGoldens { get; } =
        JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "tokenizer", "tokens_golden.json")));

    [Fact]
    public void Golden_file_has_all_21_cases() =>
        Assert.Equal(21, TokenGoldens.RootElement.GetProperty("cases").GetArrayLength());

    [Fact]
    public void Vocabulary_matches_CLIP()
    {
        Assert.Equal(TokenGoldens.RootElement.GetProperty("vocab_size").GetInt32(), ClipTokenizer.Default.VocabularySize);
        Assert.Equal(ClipTokenizer.StartOfTextId, TokenGoldens.RootElement.GetProperty("sot").GetInt32());
        Assert.Equal(ClipTokenizer.EndOfTextId, TokenGoldens.RootElement.GetProperty("eot").GetInt32());
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Matches_golden_case(int index)
    {
        JsonElement golden = TokenGoldens.RootElement.GetProperty("cases")[index];
        string text = golden.GetProperty("text").GetString()!;

        int[] bpe = ClipTokenizer.Default.Encode(text);
        int[] context = ClipTokenizer.Default.Tokenize(text);
        string decoded = ClipTokenizer.Default.Decode(bpe);

        Assert.Equal(Ints(golden.GetProperty("bpe_ids")), bpe);
        Assert.Equal(Ints(golden.GetProperty("context77")), context);
        Assert.Equal(golden.GetProperty("decoded").GetString(), decoded);
    }

    [Fact]
    public void Matches_golden_JSON_texts()
    {
        using JsonDocument golden = JsonDocument.Parse(File.ReadAllText(RepoPaths.TestData("clip-tiny", "golden.json")));
        foreach (JsonElement entry in golden.RootElement.GetProperty("texts").EnumerateArray())
        {
            string text = entry.GetProperty("text").GetString()!;
            Assert.Equal(Ints(entry.GetProperty("bpe_ids")), ClipTokenizer.Default.Encode(text));
            Assert.Equal(Ints(entry.GetProperty("input_ids")), ClipTokenizer.Default.Tokenize(text));
        }
    }

    [Fact]
    public void Refuses_long_text_without_truncation()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 80));
        Assert.Throws<ArgumentException>(() => ClipTokenizer.Default.Tokenize(text, truncate: false));
        Assert.Equal(ClipTokenizer.EndOfTextId, ClipTokenizer.Default.Tokenize(text)[^1]);
    }

    [Fact]
    public void Curly_quotes_and_NFC_are_normalised()
    {
        // ftfy would uncurl quotes and compose accents; "cafe" + U+0301 is "café" after NFC.
        Assert.Equal(ClipTokenizer.Default.Encode("it's café"), ClipTokenizer.Default.Encode("It\u2019s cafe\u0301"));
        Assert.Equal(ClipTokenizer.Default.Encode("\"hi\""), ClipTokenizer.Default.Encode("\u201Chi\u201D"));
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
