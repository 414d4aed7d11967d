namespace Likeness.Core.Videos;

/// <summary>Where a video call is.</summary>
public enum VideoStatus
{
    /// <summary>Requested; the provider call has not finished.</summary>
    Pending,

    /// <summary>Done; the video is in the asset store.</summary>
    Succeeded,

    /// <summary>The provider call failed; nothing was charged, unless the provider billed it all the same (its cost says so).</summary>
    Failed,
}
