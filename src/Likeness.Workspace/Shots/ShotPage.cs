using Likeness.Core.Shots;

namespace Likeness.Workspace.Shots;

/// <summary>One page of a character's shots (<see cref="ShotRunner.PageAsync"/>).</summary>
/// <param name="Shots">The page, oldest first.</param>
/// <param name="Next">The last shot's id when more follow (ask again with it as the cursor); null on the last page.</param>
public sealed record ShotPage(IReadOnlyList<Shot> Shots, Guid? Next);
