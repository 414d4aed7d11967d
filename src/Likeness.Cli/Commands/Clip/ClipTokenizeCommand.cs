using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Inference.Tokenization;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip tokenize TEXT [--json]</c>: the 77 token ids CLIP's text tower reads.</summary>
internal static class ClipTokenizeCommand
{
    public static Command Create()
    {
        var text = new Argument<string>("TEXT") { Description = "The prompt to tokenize." };
        var json = new Option<bool>("--json") { Description = "Print {\"ids\":[77 ints]} on one line." };
        var command = new Command("tokenize", "Show CLIP's token ids for a text (start, BPE ids, end, zero padding; long texts are cut).")
        {
            text,
            json,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int[] ids = ClipTokenizer.Default.Tokenize(parse.GetValue(text)!);
            TextWriter output = parse.InvocationConfiguration.Output;
            string line = parse.GetValue(json) ? CliJson.Serialize(new TokenizeView(ids)) : string.Join(' ', ids);
            await output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>The <c>clip tokenize --json</c> output.</summary>
internal sealed record TokenizeView(int[] Ids);
