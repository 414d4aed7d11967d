using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Characters;
using Likeness.Core.Projects;
using Likeness.Core.Ratings;
using Likeness.Core.Ratings.Analysis;
using Likeness.Core.Studies;
using Likeness.Workspace;
using Likeness.Workspace.Projects;
using Likeness.Workspace.Ratings;
using Likeness.Workspace.Studies.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Ratings;

/// <summary><c>likeness rate create --study DIR|--character C</c> and <c>likeness rate results SESSION</c>: blind human rating sessions (docs/rating.md).</summary>
internal static class RateCommand
{
    public static Command Create() => new("rate", "Blind human rating: pair shots of two providers for raters, and read what they chose.")
    {
        CreateCommand(),
        ResultsCommand(),
    };

    private static Command CreateCommand()
    {
        var study = new Option<DirectoryInfo?>("--study") { Description = "A study folder (with results.json): its succeeded shots are paired." };
        var character = new Option<string?>("--character", "-c") { Description = "A character (name or id): all its succeeded shots are paired." };
        var name = new Option<string?>("--name") { Description = "The session's name (default: the study's or character's)." };
        var perPair = new Option<int>("--per-pair") { Description = "Pairs per two providers and cell (scenario or prompt).", DefaultValueFactory = _ => RatingBook.DefaultPairsPerProviderPair };
        var command = new Command("create", "Make a rating session from a study's shots or a character's shots.") { study, character, name, perPair };
        command.SetGuardedAction(async (parse, ct) =>
        {
            DirectoryInfo? folder = parse.GetValue(study);
            string? who = parse.GetValue(character);
            if ((folder is null) == (who is null))
            {
                throw new CliUsageException("Give one of --study DIR or --character C.");
            }

            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            RatingBook ratings = workspace.Services.GetRequiredService<RatingBook>();
            RatingSession session;
            if (folder is not null)
            {
                StudyResults results = await StudyOutputs.ReadAsync(folder.FullName, ct).ConfigureAwait(false);
                Project project = await workspace.Services.GetRequiredService<ProjectBook>().DefaultAsync(ct).ConfigureAwait(false);
                session = await ratings.CreateFromStudyAsync(project.Id, results, parse.GetValue(name), parse.GetValue(perPair), null, ct).ConfigureAwait(false);
            }
            else
            {
                Character c = await workspace.Characters.GetAsync(who!, ct).ConfigureAwait(false);
                session = await ratings.CreateFromCharacterAsync(c.ProjectId, c.Id, parse.GetValue(name), parse.GetValue(perPair), null, ct).ConfigureAwait(false);
            }

            int pairs = await ratings.PairCountAsync(session.Id, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            await o.WriteLineAsync($"Rating session {session.Id} \"{session.Name}\": {pairs} pairs, {pairs * 2} questions per rater.").ConfigureAwait(false);
            await o.WriteLineAsync($"Members rate at /ui/projects/{session.ProjectId}/ratings/{session.Id}/rate on 'likeness serve'; invite guests through the API (POST .../ratings/{session.Id}/invites).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ResultsCommand()
    {
        var session = new Argument<string>("SESSION") { Description = "The session's id or a unique id prefix." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var command = new Command("results", "Win rates with Wilson 95 % intervals, rater agreement, and the automatic score's agreement with people.") { session, json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            RatingBook ratings = workspace.Services.GetRequiredService<RatingBook>();
            Project project = await workspace.Services.GetRequiredService<ProjectBook>().DefaultAsync(ct).ConfigureAwait(false);
            RatingSession found = await ratings.GetAsync(project.Id, parse.GetValue(session)!, ct).ConfigureAwait(false);
            RatingResults results = await ratings.ResultsAsync(project.Id, found.Id, ct).ConfigureAwait(false);
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(results)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await o.WriteLineAsync($"{found.Name} ({found.Source})").ConfigureAwait(false);
            foreach (QuestionSummary q in results.Questions)
            {
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{q.Question}: {q.Pairs} pairs voted, {q.Votes} votes by {q.Raters} raters; {q.Decided} decided, {q.Undecided} tied or cannot tell; alpha {StudyFormat.Coefficient(q.KrippendorffAlpha)}, kappa {StudyFormat.Coefficient(q.FleissKappa)}")).ConfigureAwait(false);
                foreach (ArmWinRate r in q.WinRates)
                {
                    await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  {r.Arm,-24} {StudyFormat.Percent(r.Rate),6}  [{StudyFormat.Percent(r.WilsonCi95?.Low)}, {StudyFormat.Percent(r.WilsonCi95?.High)}]  {r.Wins} won, {r.Losses} lost, {r.Undecided} undecided")).ConfigureAwait(false);
                }
            }

            ProportionSummary a = results.AutomaticAgreement;
            await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"automatic identity score agrees with the majority: {StudyFormat.Percent(a.Rate)} [{StudyFormat.Percent(a.WilsonCi95?.Low)}, {StudyFormat.Percent(a.WilsonCi95?.High)}] of {a.Trials} decided pairs")).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
