using System.Text.Json;
using System.Text.Json.Serialization;
using Likeness.Core.Studies;
using Likeness.Core.Studies.Analysis;

namespace Likeness.Workspace.Studies.Reporting;

/// <summary>results.json: the study results (shots with their verdicts) and the analysis, snake_case.</summary>
internal static class StudyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The file's shape. The analysis ignores its shot list: the same shots are under "results".</summary>
    public sealed record Document(StudyResults Results, StudyAnalysis Analysis);

    /// <summary>What reading needs: the results; the analysis is recomputed from them.</summary>
    public sealed record ReadDocument(StudyResults? Results);

    public static string Write(StudyResults results, StudyAnalysis analysis) =>
        JsonSerializer.Serialize(new Document(results, analysis), Options);

    public static StudyResults Read(string json, string path)
    {
        try
        {
            ReadDocument? document = JsonSerializer.Deserialize<ReadDocument>(json, Options);
            return document?.Results ?? throw new JsonException("it has no \"results\"");
        }
        catch (JsonException ex)
        {
            throw new Core.InvalidInputException($"{path} is not a study's results.json: {Core.JsonProblem.Describe(ex)}.", path);
        }
    }
}
