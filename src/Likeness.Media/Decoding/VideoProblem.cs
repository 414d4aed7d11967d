namespace Likeness.Media.Decoding;

/// <summary>Why a file could not be used as a video.</summary>
public enum VideoProblem
{
    /// <summary>The file does not exist.</summary>
    Missing,

    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>FFmpeg cannot read it as a media file (or it is a still image).</summary>
    NotAVideo,

    /// <summary>A media file with sound but no picture.</summary>
    AudioOnly,

    /// <summary>A container whose index or data is cut short (an interrupted download or copy).</summary>
    Truncated,

    /// <summary>Longer than <see cref="VideoLimits.MaxDuration"/>.</summary>
    TooLong,

    /// <summary>A frame larger than <see cref="VideoLimits"/> allow.</summary>
    TooLarge,

    /// <summary>FFmpeg started decoding but failed.</summary>
    DecodeFailed,
}
