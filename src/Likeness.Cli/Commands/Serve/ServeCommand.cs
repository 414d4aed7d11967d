using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Server;

namespace Likeness.Cli.Commands.Serve;

/// <summary><c>likeness serve [--urls URLS]</c>: runs the HTTP server over this home until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, as ASP.NET Core reads it (default: http://127.0.0.1:5080; ';' between several).",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var command = new Command("serve", "Run the Likeness HTTP server (API, jobs, webhooks) over this home until stopped.") { urls };
        command.SetGuardedAction(async (parse, ct) =>
        {
            var args = new List<string> { "--urls", parse.GetValue(urls)! };
            if (parse.GetValue(WorkspaceOption.Home) is { } home)
            {
                args.AddRange(["--Likeness:Home", home.FullName]);
            }

            return await LikenessServer.RunAsync([.. args], ct).ConfigureAwait(false);
        });
        return command;
    }
}
