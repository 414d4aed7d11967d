using Likeness.Core.Videos.Frames;

namespace Likeness.Workspace.Videos.Frames;

/// <summary>A sampled frame with its measurements, a small JPEG for the contact sheet, and (when usable) the full frame as JPEG.</summary>
public sealed record ExtractedFrame(FrameCandidate Candidate, ReadOnlyMemory<byte> Thumbnail, ReadOnlyMemory<byte>? Full);
