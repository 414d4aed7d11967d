namespace Likeness.Core.Ratings;

/// <summary>A shot that may be paired: what the planning rule reads.</summary>
/// <param name="ShotId">The shot.</param>
/// <param name="CharacterId">Its character.</param>
/// <param name="Arm">Its provider.</param>
/// <param name="Cell">Its scenario, or its prompt when it has none.</param>
/// <param name="Prompt">The prompt it was made from.</param>
/// <param name="FaceDistance">Its mean face distance; null when not measured.</param>
/// <param name="CreatedAt">When it was made (the order within an arm).</param>
public sealed record PairCandidate(Guid ShotId, Guid CharacterId, string Arm, string Cell, string Prompt, double? FaceDistance, DateTimeOffset CreatedAt);

/// <summary>Two candidates to compare.</summary>
/// <param name="First">The first shot (the arm first in ordinal order).</param>
/// <param name="Second">The second.</param>
public sealed record PlannedPair(PairCandidate First, PairCandidate Second);

/// <summary>
/// The pairing rule: within each cell (character and scenario, or character and prompt), for every two providers present
/// (in ordinal order of their names), the k-th shot of one is paired with the k-th of the other, oldest first, for k up to
/// the smaller count and at most <c>perProviderPair</c>. So each shot is in at most one pair per opposing provider, every
/// provider pair is compared on the same prompts, and the session's size is bounded.
/// </summary>
public static class PairPlanner
{
    /// <summary>Most pairs a session may hold (a rater's sitting, two questions each).</summary>
    public const int MaxPairs = 500;

    /// <summary>The pairs of <paramref name="candidates"/>, cells in order of character then cell.</summary>
    public static IReadOnlyList<PlannedPair> Plan(IEnumerable<PairCandidate> candidates, int perProviderPair)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (perProviderPair < 1)
        {
            throw new InvalidInputException("Pairs per provider pair and cell must be at least 1.", "per-pair");
        }

        var pairs = new List<PlannedPair>();
        foreach (var cell in candidates.GroupBy(c => (c.CharacterId, c.Cell)).OrderBy(g => g.Key.CharacterId).ThenBy(g => g.Key.Cell, StringComparer.Ordinal))
        {
            PairCandidate[][] arms = [.. cell.GroupBy(c => c.Arm, StringComparer.Ordinal)
                .OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => a.OrderBy(c => c.CreatedAt).ThenBy(c => c.ShotId).ToArray())];
            for (int a = 0; a < arms.Length; a++)
            {
                for (int b = a + 1; b < arms.Length; b++)
                {
                    int count = Math.Min(perProviderPair, Math.Min(arms[a].Length, arms[b].Length));
                    for (int k = 0; k < count; k++)
                    {
                        pairs.Add(new PlannedPair(arms[a][k], arms[b][k]));
                    }
                }
            }
        }

        if (pairs.Count == 0)
        {
            throw new RuleViolationException("No two providers have a shot of the same character in the same scenario: there is nothing to compare.");
        }

        if (pairs.Count > MaxPairs)
        {
            throw new RuleViolationException($"The shots give {pairs.Count} pairs; a session holds at most {MaxPairs} (lower the pairs per provider pair).");
        }

        return pairs;
    }
}
