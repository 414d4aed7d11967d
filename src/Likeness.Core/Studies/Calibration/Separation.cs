using Likeness.Core.Studies.Statistics;

namespace Likeness.Core.Studies.Calibration;

/// <summary>
/// How far apart same-person (genuine) and different-person (impostor) scores lie, scale-free so a distance (face)
/// and a cosine (DINO-I) can be compared: d′ = |mean genuine − mean impostor| / √((sd genuine² + sd impostor²) / 2),
/// signed positive when the genuine side lies on the right side (lower distance, higher similarity).
/// </summary>
/// <param name="GenuineMean">Mean genuine score; null when there are none.</param>
/// <param name="ImpostorMean">Mean impostor score; null when there are none.</param>
/// <param name="Margin">Mean genuine minus mean impostor, in the score's own units (signed as d′).</param>
/// <param name="DPrime">The standardised margin d′; null below two scores on a side or with no spread.</param>
/// <param name="GenuineCount">Genuine pairs.</param>
/// <param name="ImpostorCount">Impostor pairs.</param>
public sealed record Separation(double? GenuineMean, double? ImpostorMean, double? Margin, double? DPrime, int GenuineCount, int ImpostorCount)
{
    /// <summary>The separation of two samples; <paramref name="higherIsSame"/> is true for similarities, false for distances.</summary>
    public static Separation Of(IReadOnlyList<double> genuine, IReadOnlyList<double> impostor, bool higherIsSame)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        double? g = Descriptive.Mean(genuine), i = Descriptive.Mean(impostor);
        double? margin = g is null || i is null ? null : higherIsSame ? g - i : i - g;
        double? sdG = Descriptive.StandardDeviation(genuine), sdI = Descriptive.StandardDeviation(impostor);
        double? pooled = sdG is null || sdI is null ? null : Math.Sqrt(((sdG.Value * sdG.Value) + (sdI.Value * sdI.Value)) / 2);
        double? dPrime = margin is null || pooled is not > 0 ? null : margin / pooled;
        return new Separation(g, i, margin, dPrime, genuine.Count, impostor.Count);
    }
}
