using System.CommandLine;
using System.Globalization;
using Likeness.Cli.Hosting;
using Likeness.Core.Costs;
using Likeness.Core.Gates;
using Likeness.Core.Providers;
using Likeness.Workspace;
using Likeness.Workspace.Gates;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Cli.Commands.Providers;

/// <summary><c>likeness providers list [--json]</c>: every provider with the workspace's price overrides applied.</summary>
internal static class ProvidersListCommand
{
    private static readonly ProviderCapabilities[] Flags =
        [ProviderCapabilities.ReferenceGeneration, ProviderCapabilities.Training, ProviderCapabilities.TrainedGeneration, ProviderCapabilities.ElementVideo];

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print a JSON array." };
        var command = new Command("list", "List every provider: capabilities, apps, key or simulated, client built or not, limits and prices.") { json };
        command.SetGuardedAction(async (parse, ct) =>
        {
            using LikenessWorkspace workspace = await WorkspaceOption.OpenAsync(parse, ct).ConfigureAwait(false);
            IReadOnlyDictionary<string, KeptShotCost> kept = await workspace.Services.GetRequiredService<GatePassRates>().ByProviderAsync(ct).ConfigureAwait(false);
            var rows = workspace.Providers.Listings.Select(l => Row(l, kept.GetValueOrDefault(l.Descriptor.Name))).ToList();
            TextWriter o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await o.WriteLineAsync(CliJson.Serialize(rows)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            foreach (ProviderRow r in rows)
            {
                await o.WriteLineAsync($"{r.Name,-14} {r.DisplayName}").ConfigureAwait(false);
                await o.WriteLineAsync($"  status:  {r.Status}").ConfigureAwait(false);
                await o.WriteLineAsync($"  can:     {string.Join(", ", r.Capabilities)}").ConfigureAwait(false);
                foreach (var (capability, app) in r.Apps)
                {
                    await o.WriteLineAsync($"  app:     {capability}: {app}").ConfigureAwait(false);
                }

                LimitsRow l = r.Limits;
                await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  limits:  {l.MinReferences}-{l.MaxReferences} references, {string.Join("/", l.Formats)}, at most {l.MaxReferenceBytes / 1e6:0.#} MB each, shorter side at least {l.MinReferenceSide} px, {l.MaxConcurrency} calls at once")).ConfigureAwait(false);
                foreach (PriceRow p in r.Prices)
                {
                    await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  price:   {p.App} ${p.Usd} per {p.Unit.Replace('_', ' ')}  [{p.Source}]")).ConfigureAwait(false);
                }

                if (r.Prices.Count == 0)
                {
                    await o.WriteLineAsync("  price:   none known (UNCONFIRMED); add a line to prices.json to estimate").ConfigureAwait(false);
                }

                if (r.CostPerKept is { } k)
                {
                    await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"  kept:    ${k.PerKeptUsd:0.0000} per kept shot [{(k.LowUsd is { } lo ? $"${lo:0.0000}" : "–")}, {(k.HighUsd is { } hi ? $"${hi:0.0000}" : "∞")}] = ${k.PerAttemptUsd:0.0000} per attempt ÷ {k.PassRate:P1} gate pass rate ({k.Passed}/{k.Attempts} judged here)")).ConfigureAwait(false);
                }

                foreach (string note in r.Notes)
                {
                    await o.WriteLineAsync($"  note:    {note}").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static ProviderRow Row(ProviderListing listing, KeptShotCost? kept)
    {
        ProviderDescriptor d = listing.Descriptor;
        string key = d.Simulated ? "simulated (no key needed)"
            : d.KeyConfigured ? $"key set ({d.KeyVariable})"
            : $"no key (set {d.KeyVariable})";
        string status = $"{key}; {(listing.ClientBuilt ? "client built" : "client not built yet")}";
        return new ProviderRow(
            d.Name,
            d.DisplayName,
            [.. Flags.Where(f => d.Capabilities.HasFlag(f)).Select(Name)],
            Flags.Where(d.Apps.ContainsKey).ToDictionary(Name, f => d.Apps[f]),
            d.Simulated,
            d.KeyVariable,
            d.KeyConfigured,
            listing.ClientBuilt,
            listing.ClientBuilt && d.IsAvailable,
            status,
            new LimitsRow(d.Limits.MinReferences, d.Limits.MaxReferences, d.Limits.Formats, d.Limits.MaxReferenceBytes, d.Limits.MinReferenceSide, d.Limits.MaxConcurrency),
            [.. d.Prices.Prices.OrderBy(p => p.App, StringComparer.Ordinal).Select(p => new PriceRow(p.App, PriceOverrides.Name(p.Unit), p.Usd, p.Source))],
            d.Notes,
            kept);
    }

    private static string Name(ProviderCapabilities flag) => flag switch
    {
        ProviderCapabilities.ReferenceGeneration => "reference_generation",
        ProviderCapabilities.Training => "training",
        ProviderCapabilities.TrainedGeneration => "trained_generation",
        _ => "element_video",
    };

    private sealed record ProviderRow(
        string Name, string DisplayName, IReadOnlyList<string> Capabilities, IReadOnlyDictionary<string, string> Apps, bool Simulated,
        string? KeyVariable, bool KeyConfigured, bool ClientBuilt, bool Available, string Status, LimitsRow Limits, IReadOnlyList<PriceRow> Prices,
        IReadOnlyList<string> Notes, KeptShotCost? CostPerKept);

    private sealed record LimitsRow(int MinReferences, int MaxReferences, IReadOnlyList<string> Formats, long MaxReferenceBytes, int MinReferenceSide, int MaxConcurrency);

    private sealed record PriceRow(string App, string Unit, decimal Usd, string Source);
}
