using System.CommandLine;
using Likeness.Cli.Commands.Bench;
using Likeness.Cli.Commands.Clip;
using Likeness.Cli.Commands.Dino;
using Likeness.Cli.Commands.Faces;
using Likeness.Cli.Commands.Characters;
using Likeness.Cli.Commands.Demo;
using Likeness.Cli.Commands.Doctor;
using Likeness.Cli.Commands.Serve;
using Likeness.Cli.Commands.Generation;
using Likeness.Cli.Commands.Identities;
using Likeness.Cli.Commands.Images;
using Likeness.Cli.Commands.Models;
using Likeness.Cli.Commands.Pins;
using Likeness.Cli.Commands.Providers;
using Likeness.Cli.Commands.Ratings;
using Likeness.Cli.Commands.Studies;
using Likeness.Cli.Commands.Videos;
using Likeness.Cli.Hosting;

namespace Likeness.Cli;

/// <summary>Builds the <c>likeness</c> command tree and runs it.</summary>
public static class LikenessCli
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        RootCommand root = CreateRootCommand();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Ctrl+C cancels the command's token so paid calls in flight are saved and refunded before exit.
            // System.CommandLine 2.0.0 ships this as null (dotnet/command-line-api#2739), which kills the process outright.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(10),
        };
        ParseResult parse = root.Parse(LegacySpellings.Rewrite(args));
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            await error.WriteLineAsync($"likeness: {ParseErrors.Line(parse.Errors)}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand CreateRootCommand() => new(
        "Likeness keeps generated characters looking like the same person: identity, generation and measurement.")
    {
        WorkspaceOption.Home,
        DemoCommand.Create(),
        CharacterCommand.Create(),
        IdentityCommand.Create(),
        Commands.References.ReferenceCommand.Create(),
        GenerateCommand.Create(),
        Commands.Shots.ShotCommand.Create(),
        PinCommand.Create(),
        RateCommand.Create(),
        VideoCommand.Create(),
        Commands.Frames.FramesCommand.Create(),
        ProvidersCommand.Create(),
        ImageCommand.Create(),
        ClipCommand.Create(),
        DinoCommand.Create(),
        FacesCommand.Create(),
        BenchCommand.Create(),
        ModelsCommand.Create(),
        StudyCommand.Create(),
        DoctorCommand.Create(),
        ServeCommand.Create(),
        Commands.Users.UserCommand.Create(),
        Commands.Members.MemberCommand.Create(),
    };
}
