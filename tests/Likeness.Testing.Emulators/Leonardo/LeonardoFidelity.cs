namespace Likeness.Testing.Emulators.Leonardo;

/// <summary>
/// How often an emulated Character Reference keeps the person, by its strength: the emulator's stand-in for the
/// real trade-off (a stronger reference holds the face better and follows the prompt less). Chosen values, not
/// Leonardo's: Low 0.55, Mid 0.75, High 0.92; a weight w maps to min(0.35 + 0.5·w, 0.97), which meets Low at 0.4 and Mid at 0.8.
/// </summary>
public static class LeonardoFidelity
{
    /// <summary>The probability that a shot keeps the referenced person.</summary>
    public static double Of(string? strengthType, double? weight) => (strengthType, weight) switch
    {
        ("Low", _) => 0.55,
        ("Mid", _) => 0.75,
        ("High", _) => 0.92,
        (_, { } w) => Math.Min(0.35 + (0.5 * w), 0.97),
        _ => 0.75,
    };
}
