using Likeness.Core.Scenarios;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>One scenario of a study: the scene text put into every prompt, the aspect ratio, and the seeds' expectation.</summary>
/// <param name="Name">Short name, unique in the study ("close-up-portrait").</param>
/// <param name="Scene">The scene text (also what CLIP-T compares the shot with).</param>
/// <param name="AspectRatio">Aspect ratio such as "3:4".</param>
/// <param name="ExpectedThreshold">
/// The CLIP-I the plan expected shots to reach (the seeds say 0.95). Kept for the record and shown beside the
/// calibrated threshold; the pass/fail decision never uses it (evaluation.md §3.2: real photos reach 0.885).
/// </param>
public sealed record StudyScenario(string Name, string Scene, string AspectRatio, double? ExpectedThreshold)
{
    /// <summary>
    /// Other characters the scenario puts in the frame with the shot's character (by name or id, as <c>generate --with</c>
    /// takes them); empty for a shot of one character. Such a scenario is shot only at providers that make
    /// multi-character shots from references, and each shot is judged for bleed.
    /// </summary>
    public IReadOnlyList<string> With { get; init; } = [];

    /// <summary>The seeds' CLIP-I target for every scenario.</summary>
    public const double SeedsExpectedClipI = 0.95;

    /// <summary>Output size at about <paramref name="megapixels"/> MP in the scenario's aspect ratio, both sides multiples of 64.</summary>
    public (int Width, int Height) SizeAt(double megapixels)
    {
        (int width, int height) = StandardScenarios.SizeFor(AspectRatio);
        double scale = Math.Sqrt(megapixels);
        return (Math.Max(64, (int)Math.Round(width * scale / 64) * 64), Math.Max(64, (int)Math.Round(height * scale / 64) * 64));
    }

    /// <summary>The seeds' five scenarios (<see cref="StandardScenarios.All"/>) with the seeds' expectation.</summary>
    public static IReadOnlyList<StudyScenario> Standard { get; } =
        [.. StandardScenarios.All.Select(s => new StudyScenario(s.Name, s.Scene, s.AspectRatio, SeedsExpectedClipI))];
}
