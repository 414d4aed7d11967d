using System.Text.Json.Serialization;

namespace Likeness.Core.Identity.Retraining;

/// <summary>Why a retrain stopped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrainStop>))]
public enum RetrainStop
{
    /// <summary>The version it started from is already validated: nothing was trained.</summary>
    AlreadyValidated,

    /// <summary>An attempt was validated.</summary>
    Validated,

    /// <summary>The next attempt's estimate (training and its validation) would pass the budget.</summary>
    Budget,

    /// <summary>The most attempts asked for were made.</summary>
    MaxAttempts,

    /// <summary>The ladder has no rung left for this trainer.</summary>
    LadderEnd,
}
