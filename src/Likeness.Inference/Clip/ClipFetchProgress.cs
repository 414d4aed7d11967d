namespace Likeness.Inference.Clip;

/// <summary>Download progress of one file.</summary>
/// <param name="File">The file name in the repository.</param>
/// <param name="Received">Bytes on disk so far (including a resumed part).</param>
/// <param name="Total">The file's size.</param>
public readonly record struct ClipFetchProgress(string File, long Received, long Total);
