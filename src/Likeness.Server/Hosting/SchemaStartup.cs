using Likeness.Workspace;

namespace Likeness.Server.Hosting;

/// <summary>
/// Brings the database to the current schema (and makes the default project) before the server takes requests:
/// the same opening the CLI does, run once per start. Several nodes may start at once: the migrator serialises them.
/// </summary>
internal sealed class SchemaStartup(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // The facade is only the opener here; the container (not the facade) owns the services.
        using LikenessWorkspace opened = await LikenessWorkspace.OpenAsync(services, owner: null, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
