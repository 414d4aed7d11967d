namespace Likeness.Core.References;

/// <summary>How serious a finding is: errors stop the upload, warnings are shown and kept.</summary>
public enum FindingSeverity
{
    /// <summary>Shown, the reference is still added.</summary>
    Warning,

    /// <summary>The set is refused until fixed.</summary>
    Error,
}

/// <summary>One thing a check found about one file (or the whole set when <see cref="FileName"/> is null).</summary>
public sealed record ReferenceFinding(FindingSeverity Severity, string Code, string? FileName, string Message);

/// <summary>The outcome of checking a set of reference photos.</summary>
public sealed record ReferenceCheckReport(IReadOnlyList<ReferenceFinding> Findings, IReadOnlyList<CheckedReference> Accepted)
{
    /// <summary>True when nothing is an error.</summary>
    public bool Passed => Findings.All(f => f.Severity != FindingSeverity.Error);

    /// <summary>The errors.</summary>
    public IEnumerable<ReferenceFinding> Errors => Findings.Where(f => f.Severity == FindingSeverity.Error);

    /// <summary>The warnings.</summary>
    public IEnumerable<ReferenceFinding> Warnings => Findings.Where(f => f.Severity == FindingSeverity.Warning);
}

/// <summary>A file that decoded, with what the checks measured.</summary>
public sealed record CheckedReference(
    ReferenceCandidate Candidate, string Format, int Width, int Height, string Sha256, ulong Fingerprint, ReferenceAnalysis? Analysis);

/// <summary>A photo offered as a reference.</summary>
public sealed record ReferenceCandidate(string FileName, ReadOnlyMemory<byte> Bytes, ReferenceRole Role = ReferenceRole.Other)
{
    /// <summary>The generated shot it comes from, when it is one (kept with the reference); null for an uploaded photo.</summary>
    public ReferenceProvenance? Provenance { get; init; }
}
