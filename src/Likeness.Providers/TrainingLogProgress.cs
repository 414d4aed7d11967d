using System.Globalization;
using System.Text.RegularExpressions;

namespace Likeness.Providers;

/// <summary>Reads a training's progress from its log lines: the last step counter a trainer printed (fal: <c>step 3/10</c>, Replicate: <c>300/1000</c>).</summary>
internal static class TrainingLogProgress
{
    /// <summary>The fraction done from the last line <paramref name="counter"/> matches (groups 1 and 2: done and total), or null.</summary>
    public static double? LastFraction(IReadOnlyList<string> logs, Regex counter)
    {
        ArgumentNullException.ThrowIfNull(logs);
        ArgumentNullException.ThrowIfNull(counter);
        for (int i = logs.Count - 1; i >= 0; i--)
        {
            Match match = counter.Match(logs[i]);
            if (match.Success && double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) is > 0 and var total)
            {
                return Math.Clamp(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / total, 0, 1);
            }
        }

        return null;
    }
}
