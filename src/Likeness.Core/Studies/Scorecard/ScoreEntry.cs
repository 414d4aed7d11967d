namespace Likeness.Core.Studies.Scorecard;

/// <summary>One criterion of one provider on the scorecard.</summary>
/// <param name="Criterion">The criterion's key.</param>
/// <param name="Weight">Its weight.</param>
/// <param name="Raw">The raw number (rate, seconds, ms, USD or a 0..1 rating); null when missing.</param>
/// <param name="Score">The normalised 0..1 score; null when missing (its weight is then spread over the others).</param>
/// <param name="Source">Where the raw number came from: measured, price table, study file, default table, default or missing.</param>
public sealed record ScoreEntry(string Criterion, double Weight, double? Raw, double? Score, string Source);
