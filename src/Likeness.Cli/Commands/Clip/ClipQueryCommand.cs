using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Inference.Clip;

namespace Likeness.Cli.Commands.Clip;

/// <summary>
/// The shape every CLIP query command shares (embed, score, similarity): its own inputs plus <c>--model DIR</c>
/// and <c>--json</c>; the action loads the model, computes one view and prints it as one JSON line or as text.
/// </summary>
internal static class ClipQueryCommand
{
    /// <param name="command">The command with its own arguments and options, in help order.</param>
    /// <param name="jsonDescription">The <c>--json</c> help: the shape of the line.</param>
    /// <param name="validate">Checks the inputs before the (slow) model load; throws <see cref="CliUsageException"/>.</param>
    /// <param name="compute">The result, from the inputs and the loaded model.</param>
    /// <param name="format">The plain-text line for the result.</param>
    public static Command Complete<TView>(
        Command command,
        string jsonDescription,
        Action<ParseResult>? validate,
        Func<ParseResult, ClipEmbedder, TView> compute,
        Func<TView, string> format)
    {
        var model = ClipModelOption.Create();
        var json = new Option<bool>("--json") { Description = jsonDescription };
        command.Add(model);
        command.Add(json);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            validate?.Invoke(parse);
            TView view;
            using (ClipEmbedder embedder = ClipModelOption.Load(parse.GetValue(model)))
            {
                view = compute(parse, embedder);
            }

            string line = parse.GetValue(json) ? CliJson.Serialize(view) : format(view);
            await parse.InvocationConfiguration.Output.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
