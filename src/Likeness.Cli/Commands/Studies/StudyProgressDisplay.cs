using Likeness.Workspace.Studies;
using Spectre.Console;

namespace Likeness.Cli.Commands.Studies;

/// <summary>
/// Shows a study's progress: a Spectre.Console progress bar on an interactive terminal, else one plain line
/// every tenth of the way (and for every failure), which stays readable in logs and tests.
/// </summary>
internal static class StudyProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter output, Func<IProgress<StudyProgress>, Task<T>> run)
    {
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            T result = default!;
            await AnsiConsole.Progress().AutoClear(false).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    ProgressTask task = context.AddTask("shots", maxValue: 1);
                    result = await run(new Bar(task)).ConfigureAwait(false);
                }).ConfigureAwait(false);
            return result;
        }

        return await run(new Lines(output)).ConfigureAwait(false);
    }

    private sealed class Bar(ProgressTask task) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            task.MaxValue = value.Total;
            task.Value = value.Done;
            task.Description = Markup.Escape($"{value.Done}/{value.Total} shots, {value.FromCache} cached, {value.Failed} failed");
        }
    }

    private sealed class Lines(TextWriter output) : IProgress<StudyProgress>
    {
        public void Report(StudyProgress value)
        {
            bool step = value.Done == value.Total || value.Done % Math.Max(1, value.Total / 10) == 0;
            if (step || value.LastFailed)
            {
                output.WriteLine($"[{value.Done}/{value.Total}] {value.FromCache} cached, {value.Failed} failed · {value.Last}");
            }
        }
    }
}
