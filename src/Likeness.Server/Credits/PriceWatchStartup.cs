using Likeness.Core.Providers;
using Likeness.Workspace.Alerts;

namespace Likeness.Server.Credits;

/// <summary>
/// At start (after the schema), compares the price table in force (provider defaults and the prices file) with the
/// one the last start saw, and alerts every project to a change (<see cref="AlertBook.CheckPricesAsync"/>).
/// </summary>
internal sealed partial class PriceWatchStartup(AlertBook alerts, ProviderRegistry providers, ILogger<PriceWatchStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        int added = await alerts.CheckPricesAsync(providers.Descriptors, cancellationToken).ConfigureAwait(false);
        if (added > 0)
        {
            PricesChanged(logger, added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "The price table changed since the last start: {Count} project alert(s) recorded")]
    private static partial void PricesChanged(ILogger logger, int count);
}
