namespace Likeness.Media.Decoding;

/// <summary>What ffprobe says of a clip's picture: coded size, the rotation its display matrix asks for, length and rate.</summary>
public sealed record VideoInfo
{
    /// <summary>Container format as ffprobe names it ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "avi").</summary>
    public required string Format { get; init; }

    /// <summary>The picture's codec ("h264", "vp9", "mjpeg").</summary>
    public required string Codec { get; init; }

    /// <summary>Coded width in pixels.</summary>
    public required int Width { get; init; }

    /// <summary>Coded height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>Clockwise degrees the player turns the picture (0, 90, 180, 270), from the display matrix; phones record this way.</summary>
    public int Rotation { get; init; }

    /// <summary>Width as shown, after the rotation.</summary>
    public int DisplayWidth => Rotation is 90 or 270 ? Height : Width;

    /// <summary>Height as shown, after the rotation.</summary>
    public int DisplayHeight => Rotation is 90 or 270 ? Width : Height;

    /// <summary>Length of the clip.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Average frames per second (0 when the container does not say).</summary>
    public double FrameRate { get; init; }

    /// <summary>True when the file also carries sound.</summary>
    public bool HasAudio { get; init; }
}
