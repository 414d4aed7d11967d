using Likeness.Core.Ratings;

namespace Likeness.Workspace.Ratings;

/// <summary>A new guest invite and its secret, which exists only here: it is never stored or shown again.</summary>
/// <param name="Invite">The invite as stored.</param>
/// <param name="Secret">The secret the guest's link carries.</param>
public sealed record IssuedInvite(RatingInvite Invite, string Secret);
