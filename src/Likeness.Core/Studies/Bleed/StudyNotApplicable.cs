namespace Likeness.Core.Studies.Bleed;

/// <summary>A provider entry that a scenario was not run at, and why (nothing was called or charged for it).</summary>
/// <param name="Provider">The entry's label.</param>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Reason">One sentence.</param>
public sealed record StudyNotApplicable(string Provider, string Scenario, string Reason);
