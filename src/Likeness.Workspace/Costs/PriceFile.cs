using Likeness.Core;
using Likeness.Core.Costs;

namespace Likeness.Workspace.Costs;

/// <summary>Finds and reads the workspace's price overrides (see <see cref="WorkspaceOptions.PricesFile"/>).</summary>
public static class PriceFile
{
    /// <summary>The file name looked for in the workspace home.</summary>
    public const string DefaultName = "prices.json";

    /// <summary>
    /// The overrides, or none when no file is named and the home has none. Read once, synchronously, when the
    /// container first builds the registry (a small file at start-up).
    /// </summary>
    public static PriceOverrides Load(WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string path = options.PricesFile ?? Path.Combine(options.Home, DefaultName);
        if (!File.Exists(path))
        {
            return options.PricesFile is null
                ? PriceOverrides.None
                : throw new InvalidInputException($"The price file {path} (LIKENESS_PRICES) does not exist.", "LIKENESS_PRICES");
        }

        string json = File.ReadAllText(path);
        return PriceOverrides.Parse(json, path);
    }
}
