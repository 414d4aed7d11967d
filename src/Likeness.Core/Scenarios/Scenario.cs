namespace Likeness.Core.Scenarios;

/// <summary>
/// A standard shot used to test a character across situations: what the scene says, its framing, and the
/// aspect ratio it is shot in.
/// </summary>
public sealed record Scenario(string Name, string Title, string Scene, string AspectRatio, Framing Framing);

/// <summary>How the subject is framed; the simulator uses it to remix references, studies to group results.</summary>
public enum Framing
{
    /// <summary>Head and shoulders.</summary>
    CloseUp,

    /// <summary>Whole body with surroundings.</summary>
    Wide,

    /// <summary>Side view.</summary>
    Profile,

    /// <summary>Dark, low-key light.</summary>
    LowLight,

    /// <summary>Movement, motion blur.</summary>
    Action,
}

/// <summary>The five scenarios of the consistency study in the product seeds.</summary>
public static class StandardScenarios
{
    /// <summary>Close-up portrait.</summary>
    public static Scenario CloseUpPortrait { get; } = new(
        "close-up-portrait", "Close-up portrait",
        "close-up portrait, head and shoulders, looking at the camera, soft studio light, neutral background", "3:4", Framing.CloseUp);

    /// <summary>Wide full-body outdoor.</summary>
    public static Scenario WideFullBodyOutdoor { get; } = new(
        "wide-full-body-outdoor", "Wide full-body outdoor",
        "full-body shot standing outdoors in a city park, wide angle, daylight", "16:9", Framing.Wide);

    /// <summary>Profile.</summary>
    public static Scenario Profile { get; } = new(
        "profile", "Profile", "side profile view, face turned 90 degrees, clean background", "1:1", Framing.Profile);

    /// <summary>Low light.</summary>
    public static Scenario LowLight { get; } = new(
        "low-light", "Low light", "night scene, dim warm lamp light, deep shadows, low-key lighting", "3:4", Framing.LowLight);

    /// <summary>Action.</summary>
    public static Scenario Action { get; } = new(
        "action", "Action", "running through a street, dynamic action pose, motion blur, dramatic angle", "16:9", Framing.Action);

    /// <summary>All five, in the seeds' order.</summary>
    public static IReadOnlyList<Scenario> All { get; } = [CloseUpPortrait, WideFullBodyOutdoor, Profile, LowLight, Action];

    /// <summary>Finds a scenario by name (case-insensitive).</summary>
    public static Scenario Get(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new NotFoundException(EntityKind.Scenario, name, $"Unknown scenario '{name}'. Known: {string.Join(", ", All.Select(s => s.Name))}.");

    /// <summary>Output size for an aspect ratio at about one megapixel, both sides multiples of 64.</summary>
    public static (int Width, int Height) SizeFor(string aspectRatio)
    {
        string[] parts = aspectRatio.Split(':');
        if (parts.Length != 2 || !double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out double w)
            || !double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double h) || w <= 0 || h <= 0 || w / h is > 4 or < 0.25)
        {
            throw new InvalidInputException($"Aspect ratio '{aspectRatio}' must look like 16:9, between 1:4 and 4:1.", "aspect-ratio");
        }

        double height = Math.Sqrt(1024.0 * 1024.0 * h / w);
        return (RoundTo64(height * w / h), RoundTo64(height));
    }

    private static int RoundTo64(double value) => Math.Max(64, (int)Math.Round(value / 64) * 64);
}
