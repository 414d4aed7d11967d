using System.CommandLine;
using Likeness.Cli.Hosting;
using Likeness.Server;
using Microsoft.Extensions.Logging;

namespace Likeness.Cli.Commands.Serve;

/// <summary><c>likeness serve [--urls URLS]</c>: runs the HTTP server over this home until Ctrl+C.</summary>
internal static class ServeCommand
{
    private const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen: absolute http or https URLs, ';' between several (default: {DefaultUrls}; port 0 picks a free one).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var command = new Command("serve", "Run the Likeness HTTP server (API, jobs, webhooks) over this home until stopped.") { urls };
        command.SetGuardedAction(async (parse, ct) =>
        {
            string listen = Validated(parse.GetValue(urls));
            var args = new List<string> { "--urls", listen };
            if (parse.GetValue(WorkspaceOption.Home) is { } home)
            {
                args.AddRange(["--Likeness:Home", home.FullName]);
            }

            // A failed start (a bad home, a database that does not answer) is printed once, by the guarded action,
            // not also by the host's own logger with its stack trace.
            return await LikenessServer.RunAsync([.. args], b => b.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None), ct).ConfigureAwait(false);
        });
        return command;
    }

    // Kestrel would take a bare word as a host name and fail late, or listen somewhere unexpected: refuse it here.
    private static string Validated(string? urls)
    {
        string[] each = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (each.Length == 0)
        {
            throw new CliUsageException("--urls needs at least one URL, such as http://127.0.0.1:5080.");
        }

        foreach (string url in each)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath != "/")
            {
                throw new CliUsageException($"--urls: '{url}' is not an http or https URL with a host and port, such as http://127.0.0.1:5080.");
            }
        }

        return string.Join(';', each);
    }
}
