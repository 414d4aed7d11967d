using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Workspace.Studies.Reporting;

/// <summary>Writes a study's results.csv, results.json and report.html, and reads results.json back.</summary>
public static class StudyOutputs
{
    /// <summary>The CSV's file name.</summary>
    public const string CsvFile = "results.csv";

    /// <summary>The JSON's file name.</summary>
    public const string JsonFile = "results.json";

    /// <summary>The clips' CSV, written when the study made video.</summary>
    public const string VideoCsvFile = "videos.csv";

    /// <summary>The report's file name.</summary>
    public const string ReportFile = "report.html";

    /// <summary>
    /// Analyzes <paramref name="results"/> and writes results.csv, results.json (the results with IdentityPass
    /// filled, plus the analysis) and report.html into <paramref name="folder"/>. Each file is written to a
    /// temporary name first and moved into place, so a crash never leaves half a report.
    /// </summary>
    public static async Task<StudyAnalysis> WriteAsync(StudyResults results, string folder, CancellationToken cancellationToken = default) =>
        (await WriteScoredAsync(results, folder, cancellationToken).ConfigureAwait(false)).Analysis;

    /// <summary>As <see cref="WriteAsync"/>, also returning the results as written (IdentityPass filled).</summary>
    internal static async Task<(StudyResults Scored, StudyAnalysis Analysis)> WriteScoredAsync(StudyResults results, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        StudyAnalysis analysis = StudyAnalyzer.Analyze(results);
        StudyResults scored = results with { Shots = analysis.Shots };
        Directory.CreateDirectory(folder);
        await WriteFileAsync(folder, CsvFile, StudyCsv.Write(scored.Shots), cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, JsonFile, StudyJson.Write(scored, analysis), cancellationToken).ConfigureAwait(false);
        if (scored.Videos.Count > 0)
        {
            await WriteFileAsync(folder, VideoCsvFile, StudyVideoCsv.Write(scored.Videos), cancellationToken).ConfigureAwait(false);
        }

        await WriteFileAsync(folder, ReportFile, StudyReport.Render(scored, analysis), cancellationToken).ConfigureAwait(false);
        return (scored, analysis);
    }

    /// <summary>Reads folder/results.json back; a clear error when it is missing or not a study's results.</summary>
    public static async Task<StudyResults> ReadAsync(string folder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string path = Path.Combine(folder, JsonFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No {JsonFile} in {folder}: point at the output folder of a study run.", path);
        }

        string json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return StudyJson.Read(json, path);
    }

    /// <summary>Parses the text of a results.json (an upload); <paramref name="source"/> names it in errors.</summary>
    public static StudyResults Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        return StudyJson.Read(json, source);
    }

    private static async Task WriteFileAsync(string folder, string name, string content, CancellationToken cancellationToken)
    {
        string target = Path.Combine(folder, name);
        string temporary = target + ".tmp";
        await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, target, overwrite: true);
    }
}
