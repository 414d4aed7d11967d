namespace Likeness.Core.Gates;

/// <summary>
/// What a per-character calibration is computed from: the character's own reference embeddings and the impostor
/// embeddings (every other cast member's references and the distractor faces), all from one model.
/// </summary>
/// <param name="Metric">The gate metric (<see cref="GateMetrics"/>).</param>
/// <param name="Model">The engine that made the embeddings (face analyser or CLIP model name).</param>
/// <param name="Own">The character's reference embeddings.</param>
/// <param name="CastImpostors">Embeddings of the other characters' references.</param>
/// <param name="Distractors">Embeddings of the bundled distractor faces.</param>
public sealed record CalibrationInputs(
    string Metric,
    string Model,
    IReadOnlyList<IReadOnlyList<float>> Own,
    IReadOnlyList<IReadOnlyList<float>> CastImpostors,
    IReadOnlyList<IReadOnlyList<float>> Distractors);
