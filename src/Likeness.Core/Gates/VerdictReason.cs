using System.Text.Json.Serialization;

namespace Likeness.Core.Gates;

/// <summary>Why a gate kept or rejected a shot (stored by name).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerdictReason>))]
public enum VerdictReason
{
    /// <summary>Every check passed: the shot is kept.</summary>
    Kept,

    /// <summary>The metric is a face metric and no face was found.</summary>
    NoFace,

    /// <summary>A distance was over the character's calibrated threshold.</summary>
    Identity,

    /// <summary>The shot is a near-duplicate of a reference (identity "kept" by handing the reference back).</summary>
    CopyPaste,

    /// <summary>The provider's moderation filtered the image.</summary>
    Moderated,

    /// <summary>The provider call failed; nothing to judge.</summary>
    Failed,

    /// <summary>A multi-character shot showed a character twice, missed one, or had a face that could be either of two.</summary>
    Bleed,
}
