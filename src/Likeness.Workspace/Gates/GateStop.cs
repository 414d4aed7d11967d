using System.Text.Json.Serialization;

namespace Likeness.Workspace.Gates;

/// <summary>Why a gated request stopped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GateStop>))]
public enum GateStop
{
    /// <summary>N shots passed.</summary>
    Enough,

    /// <summary>The request's attempts ran out.</summary>
    MaxAttempts,

    /// <summary>The cost cap (its money or its attempts, when shared) would have been passed by another attempt.</summary>
    CostCap,
}
