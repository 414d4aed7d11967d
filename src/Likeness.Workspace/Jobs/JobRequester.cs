using Likeness.Core.Accounts;

namespace Likeness.Workspace.Jobs;

/// <summary>
/// The member who asked for a background job and their role in its project at that moment: kept on the job, so every
/// step (on any node, after any restart) charges that member and counts against that role's quotas.
/// </summary>
/// <param name="UserId">The member.</param>
/// <param name="Role">Their role when they asked.</param>
public sealed record JobRequester(Guid UserId, ProjectRole Role);
