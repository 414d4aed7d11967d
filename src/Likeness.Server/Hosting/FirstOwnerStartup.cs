using Likeness.Workspace.Accounts;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Hosting;

/// <summary>
/// On a home without users, makes the first owner (administrator, owner of the default project) and prints its token
/// once to the console: to standard output only, never through the logger, so log shipping never carries it.
/// Runs after <see cref="SchemaStartup"/> (hosted services start in order).
/// </summary>
internal sealed class FirstOwnerStartup(FirstOwner firstOwner, IOptions<ServerOptions> options, FirstOwnerConsole console) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateFirstOwner || await firstOwner.EnsureAsync(cancellationToken: cancellationToken).ConfigureAwait(false) is not { } issued)
        {
            return;
        }

        await console.Out.WriteLineAsync(
            $"First owner '{FirstOwner.DefaultName}' created. Its API token, shown this once (send it as 'Authorization: Bearer <token>'):{Environment.NewLine}{issued.Secret}")
            .ConfigureAwait(false);
        await console.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where the first owner's token is printed: standard output, or a writer a test or host gives.</summary>
/// <param name="Out">The writer.</param>
public sealed record FirstOwnerConsole(TextWriter Out);
