using System.Globalization;
using Likeness.Core.Shots;

namespace Likeness.Providers;

/// <summary>
/// Reads a numeric provider parameter of a shot (<see cref="ShotRequest.ProviderParameters"/>: a strength, a scale,
/// a weight a study sweeps), so every provider parses and range-checks it the same way before anything is paid.
/// </summary>
internal static class ShotNumber
{
    /// <summary>
    /// The shot's <paramref name="name"/> as a number in [<paramref name="min"/>, <paramref name="max"/>], or null when
    /// the shot does not set it; <paramref name="what"/> opens the message of the <see cref="ArgumentException"/> thrown
    /// for anything else (e.g. "A fal scale").
    /// </summary>
    public static double? Read(ShotRequest shot, string name, double min, double max, string what)
    {
        ArgumentNullException.ThrowIfNull(shot);
        if (!shot.ProviderParameters.TryGetValue(name, out string? text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max
            ? value
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{what} must be a number from {min} to {max} (got '{text}')."));
    }
}
