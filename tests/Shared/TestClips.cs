
namespace Likeness.Testing;

/// <summary>
/// Clips made once per test run with FFmpeg from the bundled public-domain photos (samples/cast): a slow zoom
/// on one person (H.264 MP4 and VP9 WebM), a cut from one person to another at a known time with a black
/// second between, a phone clip whose display matrix turns it upright, an audio-only file, a truncated MP4.
/// </summary>
public sealed class TestClips : IDisposable
{
    /// <summary>Where the cut from Obama to Biden happens in <see cref="Cut"/>.</summary>
    public static readonly TimeSpan CutAt = TimeSpan.FromSeconds(3);

    /// <summary>When the black second in <see cref="Cut"/> starts (it lasts 1 s).</summary>
    public static readonly TimeSpan BlackAt = TimeSpan.FromSeconds(6);

    private readonly TempFolder _folder = new();
    private readonly Lazy<string> _zoom, _webm, _cut, _rotated, _audio, _truncated, _poses;

    public TestClips()
    {
        _zoom = new(() => Make("zoom.mp4", ZoomOn("obama.jpg", 4), ["-c:v", "libx264", "-pix_fmt", "yuv420p"]));
        _webm = new(() => Make("zoom.webm", ZoomOn("obama.jpg", 3), ["-c:v", "libvpx-vp9", "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8"]));
        _cut = new(MakeCut);
        _rotated = new(MakeRotated);
        _audio = new(() => Make("tone.m4a", ["-f", "lavfi", "-i", "sine=frequency=440:duration=2"], ["-c:a", "aac"]));
        _truncated = new(MakeTruncated);
        _poses = new(MakePoses);
    }

    /// <summary>The segments of <see cref="Poses"/>: photo (null for black) and seconds.</summary>
    public static readonly (string? Photo, double Seconds)[] PoseSegments =
        [("obama.jpg", 5), ("biden2.jpg", 2), (null, 1), ("obama1.jpg", 1.5), ("obama2.jpg", 1.5), ("obama3.jpg", 1.5)];

    public string Zoom => _zoom.Value;

    public string Webm => _webm.Value;

    public string Cut => _cut.Value;

    public string Rotated => _rotated.Value;

    public string AudioOnly => _audio.Value;

    public string Truncated => _truncated.Value;

    public string Folder => _folder.Path;

    /// <summary>Obama frontal for 5 s, Biden 2 s, black 1 s, then three other Obama photos 1.5 s each (<see cref="PoseSegments"/>).</summary>
    public string Poses => _poses.Value;

    public static string Photo(string name) => Path.Combine(RepoPaths.Root, "samples", "cast", name);

    public void Dispose() => _folder.Dispose();

    /// <summary>A 640x480 still of the whole <paramref name="photo"/> (letterboxed: a crop could cut the head off) with a slow zoom, for <paramref name="seconds"/> at 25 fps.</summary>
    private static string[] ZoomOn(string photo, int seconds) =>
        ["-loop", "1", "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", Photo(photo),
         "-vf", "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,zoompan=z='1+0.002*on':d=1:s=640x480:fps=25"];

    private string Make(string name, string[] input, string[] encode)
    {
        string path = Path.Combine(_folder.Path, name);
        Ffmpeg.Run("ffmpeg", ["-y", "-hide_banner", "-loglevel", "error", .. input, .. encode, path]);
        return path;
    }

    /// <summary>Obama 0-3 s, Biden 3-6 s, black 6-7 s, Biden 7-9 s; 640x480, 25 fps, H.264.</summary>
    private string MakeCut()
    {
        string path = Path.Combine(_folder.Path, "cut.mp4");
        Ffmpeg.Run("ffmpeg",
            "-y", "-hide_banner", "-loglevel", "error",
            "-loop", "1", "-t", "3", "-i", Photo("obama.jpg"),
            "-loop", "1", "-t", "3", "-i", Photo("biden2.jpg"),
            "-f", "lavfi", "-t", "1", "-i", "color=c=black:s=640x480:r=25",
            "-loop", "1", "-t", "2", "-i", Photo("biden2.jpg"),
            "-filter_complex",
            "[0:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=25,setsar=1[a];" +
            "[1:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=25,setsar=1[b];" +
            "[2:v]fps=25,setsar=1[k];" +
            "[3:v]scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,fps=25,setsar=1[c];" +
            "[a][b][k][c]concat=n=4:v=1:a=0[v]",
            "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p", path);
        return path;
    }

    private string MakePoses()
    {
        string path = Path.Combine(_folder.Path, "poses.mp4");
        var args = new List<string> { "-y", "-hide_banner", "-loglevel", "error" };
        var filters = new List<string>();
        for (int i = 0; i < PoseSegments.Length; i++)
        {
            var (photo, seconds) = PoseSegments[i];
            string t = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            args.AddRange(photo is null ? ["-f", "lavfi", "-t", t, "-i", "color=c=black:s=640x480:r=25"] : ["-loop", "1", "-t", t, "-i", Photo(photo)]);
            filters.Add($"[{i}:v]{(photo is null ? "" : "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,")}fps=25,setsar=1[s{i}]");
        }

        string inputs = string.Concat(Enumerable.Range(0, PoseSegments.Length).Select(i => $"[s{i}]"));
        args.AddRange(["-filter_complex", string.Join(';', filters) + $";{inputs}concat=n={PoseSegments.Length}:v=1:a=0[v]", "-map", "[v]", "-c:v", "libx264", "-pix_fmt", "yuv420p", path]);
        Ffmpeg.Run("ffmpeg", [.. args]);
        return path;
    }

    /// <summary>A 2 s portrait clip stored sideways (480x360 coded) with a display matrix that turns it 90° clockwise, as phones record.</summary>
    private string MakeRotated()
    {
        string sideways = Path.Combine(_folder.Path, "sideways.mp4");
        Ffmpeg.Run("ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-loop", "1", "-t", "2", "-i", Photo("obama.jpg"),
            "-vf", "scale=360:480:force_original_aspect_ratio=increase,crop=360:480,transpose=2,fps=25", "-c:v", "libx264", "-pix_fmt", "yuv420p", sideways);
        string path = Path.Combine(_folder.Path, "rotated.mp4");
        // FFmpeg 5.1's muxer reads this tag counter-clockwise: 270 stores the display matrix a phone writes
        // for a portrait clip (ffprobe: rotation=-90, i.e. turn 90° clockwise to show it).
        Ffmpeg.Run("ffmpeg", "-y", "-hide_banner", "-loglevel", "error", "-i", sideways, "-c", "copy", "-metadata:s:v:0", "rotate=270", path);
        return path;
    }

    /// <summary>The zoom clip cut to its first 40 %: the MP4 index ('moov', written last) is gone.</summary>
    private string MakeTruncated()
    {
        byte[] whole = File.ReadAllBytes(Zoom);
        string path = Path.Combine(_folder.Path, "truncated.mp4");
        File.WriteAllBytes(path, whole.AsSpan(0, whole.Length * 2 / 5).ToArray());
        return path;
    }
}
