using System.Text.Json.Serialization;

namespace Likeness.Core.Gates;

/// <summary>Whether a gated request makes cheap drafts first (seed 004's progressive quality).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GatePreview>))]
public enum GatePreview
{
    /// <summary>Full shots only.</summary>
    None,

    /// <summary>A draft per seed; the full shot (same seed) only for drafts the gate accepts.</summary>
    Drafts,

    /// <summary>A draft and the full shot for every seed, so the draft's verdict can be checked against the full shot's (costs more).</summary>
    Check,
}
