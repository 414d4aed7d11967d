using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;

namespace Likeness.Inference.Tokenization;

/// <summary>
/// CLIP's byte-level BPE tokenizer (openai <c>SimpleTokenizer</c> + <c>clip.tokenize</c>), built from the
/// <c>bpe_simple_vocab_16e6.txt.gz</c> merges file. Thread-safe; words are cached after their first encoding.
/// </summary>
public sealed class ClipTokenizer
{
    /// <summary>The id of <c>&lt;|startoftext|&gt;</c>.</summary>
    public const int StartOfTextId = 49406;

    /// <summary>The id of <c>&lt;|endoftext|&gt;</c>, the largest id (text pooling takes its position).</summary>
    public const int EndOfTextId = 49407;

    /// <summary>CLIP's context length.</summary>
    public const int DefaultContextLength = 77;

    // 49152 - 256 - 2 merges are used; the file's first line is a version header.
    private const int MergeCount = 49152 - 256 - 2;
    private const string EndOfWord = "</w>";

    private static readonly Lazy<ClipTokenizer> DefaultInstance = new(LoadEmbedded);

    private readonly Dictionary<string, int> _encoder;
    private readonly string[] _decoder;
    private readonly Dictionary<(string, string), int> _mergeRanks;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<char, byte> _charToByte;

    private ClipTokenizer(IReadOnlyList<(string Left, string Right)> merges)
    {
        var vocabulary = new List<string>(2 * 256 + merges.Count + 2);
        foreach (byte b in ByteLevelAlphabet.VocabularyOrder)
        {
            vocabulary.Add(ByteLevelAlphabet.ByteToChar[b].ToString());
        }

        for (int i = 0; i < 256; i++)
        {
            vocabulary.Add(vocabulary[i] + EndOfWord);
        }

        _mergeRanks = new Dictionary<(string, string), int>(merges.Count);
        for (int rank = 0; rank < merges.Count; rank++)
        {
            vocabulary.Add(merges[rank].Left + merges[rank].Right);
            _mergeRanks[merges[rank]] = rank;
        }

        vocabulary.Add(ClipPreTokenizer.StartOfText);
        vocabulary.Add(ClipPreTokenizer.EndOfText);
        _decoder = [.. vocabulary];
        _encoder = new Dictionary<string, int>(_decoder.Length, StringComparer.Ordinal);
        for (int id = 0; id < _decoder.Length; id++)
        {
            _encoder[_decoder[id]] = id;
        }

        _charToByte = new Dictionary<char, byte>(256);
        for (int b = 0; b < 256; b++)
        {
            _charToByte[ByteLevelAlphabet.ByteToChar[b]] = (byte)b;
        }

        _cache[ClipPreTokenizer.StartOfText] = [StartOfTextId];
        _cache[ClipPreTokenizer.EndOfText] = [EndOfTextId];
    }

    /// <summary>The tokenizer with CLIP's own merges file (embedded in this assembly).</summary>
    public static ClipTokenizer Default => DefaultInstance.Value;

    /// <summary>Number of ids (49408 for CLIP's merges file).</summary>
    public int VocabularySize => _decoder.Length;

    /// <summary>Loads a tokenizer from a gzip-compressed merges file like <c>bpe_simple_vocab_16e6.txt.gz</c>.</summary>
    public static ClipTokenizer Load(Stream gzipMerges)
    {
        ArgumentNullException.ThrowIfNull(gzipMerges);
        using var gzip = new GZipStream(gzipMerges, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        _ = reader.ReadLine() ?? throw new InvalidDataException("The BPE merges file is empty.");
        var merges = new List<(string, string)>(MergeCount);
        while (merges.Count < MergeCount)
        {
            string line = reader.ReadLine()
                ?? throw new InvalidDataException($"The BPE merges file has {merges.Count} merges; CLIP needs {MergeCount}.");
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || space == line.Length - 1)
            {
                throw new InvalidDataException($"BPE merge {merges.Count + 1} is not 'a b': '{line}'.");
            }

            merges.Add((line[..space], line[(space + 1)..]));
        }

        return new ClipTokenizer(merges);
    }

    /// <summary>The BPE ids of <paramref name="text"/> without start/end tokens (openai <c>SimpleTokenizer.encode</c>).</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        ClipPreTokenizer.Split(ClipTextCleaner.Clean(text), piece => ids.AddRange(EncodeWord(piece)));
        return [.. ids];
    }

    /// <summary>
    /// <c>clip.tokenize</c>: start token, BPE ids, end token, zero-padded to <paramref name="contextLength"/>.
    /// Longer texts are cut with the end token kept last when <paramref name="truncate"/> is true; otherwise they
    /// throw <see cref="ArgumentException"/>.
    /// </summary>
    public int[] Tokenize(string text, int contextLength = DefaultContextLength, bool truncate = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        int[] bpe = Encode(text);
        if (bpe.Length + 2 > contextLength && !truncate)
        {
            throw new ArgumentException(
                $"The text has {bpe.Length + 2} tokens with start and end; the context holds {contextLength}.", nameof(text));
        }

        var ids = new int[contextLength];
        ids[0] = StartOfTextId;
        int kept = Math.Min(bpe.Length, contextLength - 2);
        bpe.AsSpan(0, kept).CopyTo(ids.AsSpan(1));
        ids[kept + 1] = EndOfTextId;
        return ids;
    }

    /// <summary>openai <c>SimpleTokenizer.decode</c>: ids back to text, with a space after each word.</summary>
    public string Decode(ReadOnlySpan<int> ids)
    {
        var text = new StringBuilder();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_decoder.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token ids are in [0, {_decoder.Length}).");
            }

            text.Append(_decoder[id]);
        }

        var bytes = new byte[text.Length];
        int count = 0;
        foreach (char c in text.ToString())
        {
            // Every vocabulary string, the special tokens included, is made of byte-alphabet characters.
            bytes[count++] = _charToByte[c];
        }

        return Encoding.UTF8.GetString(bytes, 0, count).Replace(EndOfWord, " ", StringComparison.Ordinal);
    }

    private int[] EncodeWord(string piece) => _cache.GetOrAdd(piece, BytePairEncode);

    private int[] BytePairEncode(string piece)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(piece);
        var symbols = new List<string>(utf8.Length);
        foreach (byte b in utf8)
        {
            symbols.Add(ByteLevelAlphabet.ByteToChar[b].ToString());
        }

        symbols[^1] += EndOfWord;
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue;
            (string, string) best = default;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                {
                    bestRank = rank;
                    best = (symbols[i], symbols[i + 1]);
                }
            }

            if (bestRank == int.MaxValue)
            {
                break;
            }

            // Merge every occurrence of the best pair, left to right, as openai's loop does.
            var merged = new List<string>(symbols.Count);
            for (int i = 0; i < symbols.Count; i++)
            {
                if (i + 1 < symbols.Count && symbols[i] == best.Item1 && symbols[i + 1] == best.Item2)
                {
                    merged.Add(best.Item1 + best.Item2);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }

            symbols = merged;
        }

        var ids = new int[symbols.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = _encoder[symbols[i]];
        }

        return ids;
    }

    private static ClipTokenizer LoadEmbedded()
    {
        using Stream stream = typeof(ClipTokenizer).Assembly.GetManifestResourceStream(EmbeddedMergesName)
            ?? throw new InvalidOperationException($"The embedded resource {EmbeddedMergesName} is missing.");
        return Load(stream);
    }

    private const string EmbeddedMergesName = "Likeness.Inference.Tokenization.bpe_simple_vocab_16e6.txt.gz";
}
