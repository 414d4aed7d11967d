namespace Likeness.Core.Studies;

/// <summary>
/// Where a compared column sits in a parameter sweep: the swept entry's label (the group), the provider parameter
/// swept (e.g. Stability's image-to-image <c>strength</c>) and this column's value. The report plots each group's
/// identity pass rate and CLIP-T against the value.
/// </summary>
/// <param name="Group">The study file entry the sweep was declared on (its label).</param>
/// <param name="Parameter">The swept parameter's name.</param>
/// <param name="Value">This column's value.</param>
public sealed record StudySweepPoint(string Group, string Parameter, double Value);
