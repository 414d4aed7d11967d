using System.CommandLine;
using Likeness.Workspace;
using Likeness.Workspace.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Likeness.Cli.Hosting;

/// <summary>
/// The global <c>--home</c> option and how commands open the workspace it names: SQLite and assets under the
/// home folder by default, PostgreSQL when <c>LIKENESS_DATABASE_URL</c> holds a connection string.
/// </summary>
internal static class WorkspaceOption
{
    public static Option<DirectoryInfo?> Home { get; } = new("--home")
    {
        Description = "Workspace folder (default: LIKENESS_HOME, else ~/.likeness).",
        Recursive = true,
    };

    /// <summary>The home this run uses: --home, else LIKENESS_HOME, else ~/.likeness.</summary>
    public static string HomeOf(ParseResult parse) => parse.GetValue(Home)?.FullName ?? WorkspaceOptions.DefaultHome();

    /// <summary>Opens the workspace (the face engine loads on first use; CLIP only when a study asks for it).</summary>
    public static Task<LikenessWorkspace> OpenAsync(ParseResult parse, CancellationToken cancellationToken) => OpenAsync(parse, null, cancellationToken);

    /// <summary>
    /// Builds the host (configuration from <c>--home</c> and the environment, the workspace and its providers
    /// composed in the container, options validated at start) and opens the workspace over it. A missing face
    /// engine or CLIP model is said on stderr when something first needs it. <paramref name="clip"/> names a CLIP
    /// model folder (null or empty: the installed one).
    /// </summary>
    public static async Task<LikenessWorkspace> OpenAsync(ParseResult parse, string? clip, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(EnvironmentSettings.Read(parse.GetValue(Home)?.FullName, clip));
        // The host's own "failed to start" would be a second line: the failure itself is printed once, by the command.
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Likeness.Workspace.Clip", LogLevel.Information).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddProvider(new CliLoggerProvider(parse.InvocationConfiguration.Error));
        builder.Services.AddLikeness(builder.Configuration).AddProvidersFromEnvironment();
        IHost host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return await LikenessWorkspace.OpenAsync(host.Services, host, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
