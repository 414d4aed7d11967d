namespace Likeness.Core.Studies.Projections;

/// <summary>A monthly cost at one volume.</summary>
/// <param name="GenerationsPerMonth">Generations a month, over all characters.</param>
/// <param name="MonthlyUsd">Per-image cost × generations + training per character × characters.</param>
public sealed record MonthlyCost(int GenerationsPerMonth, decimal MonthlyUsd);

/// <summary>One provider's projected monthly cost at each volume.</summary>
/// <param name="Basis">The per-image and training costs used.</param>
/// <param name="Characters">Characters trained (a month's new cast).</param>
/// <param name="Months">One entry per volume.</param>
public sealed record CostProjection(CostBasis Basis, int Characters, IReadOnlyList<MonthlyCost> Months)
{
    /// <summary>Projects <paramref name="basis"/> at each volume.</summary>
    public static CostProjection Of(CostBasis basis, int characters, IReadOnlyList<int> volumes)
    {
        ArgumentNullException.ThrowIfNull(basis);
        ArgumentNullException.ThrowIfNull(volumes);
        return new CostProjection(basis, characters, [.. volumes.Select(v => new MonthlyCost(v, basis.Total(v, characters)))]);
    }
}
