namespace Likeness.Core.Studies.Decisions;

/// <summary>A studio's size for the projections: characters and generations a month (the seeds' 10/1k, 50/10k, 200/100k).</summary>
/// <param name="Characters">Characters in use.</param>
/// <param name="GenerationsPerMonth">Kept shots a month over all of them.</param>
public sealed record ProjectionScale(int Characters, int GenerationsPerMonth)
{
    /// <summary>The seeds' three scales.</summary>
    public static IReadOnlyList<ProjectionScale> Seeds { get; } = [new(10, 1_000), new(50, 10_000), new(200, 100_000)];
}
