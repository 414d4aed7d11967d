using System.CommandLine;
using Likeness.Inference.Onnx;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// The options that pick the engine a <c>bench</c> command times: <c>--backend ours|onnx</c>, <c>--onnx DIR</c> (the
/// ONNX export of the same weights), and <c>--write-weights DIR</c> (keep the random-weights model to export it).
/// </summary>
internal sealed class BenchBackend
{
    /// <summary>Our engine.</summary>
    public const string Ours = "ours";

    /// <summary>ONNX Runtime.</summary>
    public const string Onnx = "onnx";

    public Option<string> Backend { get; } = new("--backend")
    {
        Description = "The engine to time: ours, or onnx (ONNX Runtime on the export in --onnx).",
        DefaultValueFactory = _ => Ours,
    };

    public Option<DirectoryInfo?> OnnxDirectory { get; } = new("--onnx") { Description = "The ONNX export to time with --backend onnx (see bench/onnx)." };

    public Option<DirectoryInfo?> WriteWeights { get; } = new("--write-weights")
    {
        Description = "Write the --random-weights model into this folder and stop, so it can be exported to ONNX and timed on both engines.",
    };

    public IEnumerable<Option> All => [Backend, OnnxDirectory, WriteWeights];

    /// <summary>The export folder when ONNX Runtime is asked for, null for ours; bad combinations are bad input.</summary>
    public static string? OnnxFolder(ParseResult parse, BenchBackend options)
    {
        string backend = parse.GetValue(options.Backend)!;
        DirectoryInfo? onnx = parse.GetValue(options.OnnxDirectory);
        return backend switch
        {
            Ours when onnx is null => null,
            Ours => throw new CliUsageException("--onnx is for --backend onnx."),
            Onnx => onnx?.FullName ?? throw new CliUsageException("--backend onnx needs --onnx DIR, the ONNX export to time."),
            _ => throw new CliUsageException($"Unknown backend '{backend}'; use {Ours} or {Onnx}."),
        };
    }

    /// <summary>ONNX Runtime sessions with <paramref name="threads"/> intra-op threads (0 = its default, every core).</summary>
    public static OnnxBackendOptions Sessions(int threads) => new() { Threads = threads };
}
