using Likeness.Workspace.Studies.Reporting;

namespace Likeness.Workspace.Studies.Stored;

/// <summary>
/// The files of a study folder the server keeps: the outputs (videos.csv when the study made video; not the clips) and the report's pictures (<c>images/ID.jpg</c>,
/// <c>.png</c> and <c>ID.thumb.jpg</c>, which the report links relative to itself). The charts are inline SVG in the report.
/// </summary>
public static class StudyFiles
{
    /// <summary>The folder of the report's pictures, relative to the study folder.</summary>
    public const string ImagesFolder = "images";

    /// <summary>The kept files present in <paramref name="folder"/>, as names relative to it (with '/').</summary>
    public static IEnumerable<string> Produced(string folder)
    {
        string[] outputs = [StudyOutputs.CsvFile, StudyOutputs.JsonFile, StudyOutputs.ReportFile, StudyOutputs.VideoCsvFile];
        foreach (string output in outputs)
        {
            if (File.Exists(Path.Combine(folder, output)))
            {
                yield return output;
            }
        }

        string images = Path.Combine(folder, ImagesFolder);
        if (!Directory.Exists(images))
        {
            yield break;
        }

        foreach (string path in Directory.EnumerateFiles(images).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (IsImageName(name))
            {
                yield return $"{ImagesFolder}/{name}";
            }
        }
    }

    /// <summary>
    /// True for a picture's file name as the runner writes them (32 hex digits, then <c>.jpg</c>, <c>.png</c> or
    /// <c>.thumb.jpg</c>): nothing else is kept or served, so a name can never reach outside the study.
    /// </summary>
    public static bool IsImageName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string stem = name.EndsWith(".thumb.jpg", StringComparison.Ordinal) ? name[..^".thumb.jpg".Length]
            : name.EndsWith(".jpg", StringComparison.Ordinal) || name.EndsWith(".png", StringComparison.Ordinal) ? name[..^4]
            : string.Empty;
        return stem.Length == 32 && stem.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
    }

    /// <summary>The content type a kept file is served with.</summary>
    public static string ContentTypeOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name switch
        {
            StudyOutputs.CsvFile or StudyOutputs.VideoCsvFile => "text/csv; charset=utf-8",
            StudyOutputs.JsonFile => "application/json; charset=utf-8",
            StudyOutputs.ReportFile => "text/html; charset=utf-8",
            _ when name.EndsWith(".png", StringComparison.Ordinal) => "image/png",
            _ => "image/jpeg",
        };
    }
}
