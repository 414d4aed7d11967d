namespace Likeness.Testing.Emulators.Stability;

/// <summary>
/// How likely an emulated image keeps the input image's person, by endpoint and conditioning value: lower
/// image-to-image strength keeps more of the reference (higher identity fidelity, less of the prompt); structure
/// control keeps more the stronger it is; style control and text-to-image keep the least. Values are the emulator's
/// own model, chosen so a strength sweep shows the trade-off, not measurements of Stability.
/// </summary>
public static class StabilityFidelity
{
    /// <summary>Probability of keeping the person: sd3 1 − 0.9·strength; structure 0.3 + 0.6·control_strength; style 0.15 + 0.3·fidelity.</summary>
    public static double KeepProbability(string endpoint, IReadOnlyDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(fields);
        return endpoint switch
        {
            _ when endpoint.EndsWith("generate/sd3", StringComparison.Ordinal) && fields.ContainsKey("strength") => 1 - (0.9 * Value(fields, "strength", 0.35)),
            _ when endpoint.EndsWith("control/structure", StringComparison.Ordinal) => 0.3 + (0.6 * Value(fields, "control_strength", 0.7)),
            _ when endpoint.EndsWith("control/style", StringComparison.Ordinal) => 0.15 + (0.3 * Value(fields, "fidelity", 0.5)),
            _ => 0,
        };
    }

    private static double Value(IReadOnlyDictionary<string, string> fields, string name, double fallback) =>
        fields.TryGetValue(name, out string? text) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) ? v : fallback;
}
