namespace Likeness.Workspace.Studies;

/// <summary>Where a study run is: shots done of the total, how many came from the cache or failed, and the last one.</summary>
/// <param name="Done">Shots finished (made, cached or failed).</param>
/// <param name="Total">Shots in the study.</param>
/// <param name="FromCache">Finished shots served from the cache.</param>
/// <param name="Failed">Finished shots that failed.</param>
/// <param name="Last">The last finished shot, for people ("Joe Biden · sim-lora · profile #2: cached").</param>
/// <param name="LastFailed">Whether the last finished shot failed.</param>
public sealed record StudyProgress(int Done, int Total, int FromCache, int Failed, string Last, bool LastFailed);
