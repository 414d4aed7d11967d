using System.Text;
using Likeness.Core.Studies;

namespace Likeness.Workspace.Studies.Reporting;

/// <summary>results.csv: one row per shot, RFC 4180 quoting, empty cells where nothing was measured.</summary>
public static class StudyCsv
{
    /// <summary>The header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "character", "provider", "scenario", "variation", "seed", "status", "latency_ms", "cost_usd", "face_detected", "face_distance",
        "face_distance_min", "identity_pass", "clip_i", "clip_t", "dino_i", "dino_i_max", "dino_i_crop", "dino_i_crop_max",
        "copy_similarity", "copy_paste", "self_consistency", "sim_identity", "verdict", "draft", "with", "bleed", "sim_bleed",
        "cached", "simulated", "error", "prompt", "shot_id", "image", "thumbnail",
    ];

    /// <summary>The cells of one shot, in <see cref="Columns"/> order.</summary>
    public static IReadOnlyList<string> Cells(StudyShotResult s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return
        [
            s.Character, s.Provider, s.Scenario, StudyFormat.Whole(s.Variation), StudyFormat.Whole(s.Seed), s.Status,
            StudyFormat.Milliseconds(s.LatencyMs), StudyFormat.Usd(s.CostUsd), StudyFormat.Bool(s.FaceDetected), StudyFormat.Score(s.FaceDistance),
            StudyFormat.Score(s.FaceDistanceMin), StudyFormat.Bool(s.IdentityPass), StudyFormat.Score(s.ClipI), StudyFormat.Score(s.ClipT),
            StudyFormat.Score(s.DinoI), StudyFormat.Score(s.DinoIMax), StudyFormat.Score(s.DinoICrop), StudyFormat.Score(s.DinoICropMax),
            StudyFormat.Score(s.CopySimilarity), StudyFormat.Bool(s.CopyPaste), StudyFormat.Score(s.SelfConsistency), s.SimIdentity ?? string.Empty, s.Verdict ?? string.Empty, StudyFormat.Bool(s.Draft),
            s.With is null ? string.Empty : string.Join("; ", s.With), s.Bleed ?? string.Empty, StudyFormat.Bool(s.SimBleed),
            StudyFormat.Bool(s.Cached), StudyFormat.Bool(s.Simulated), s.Error ?? string.Empty, s.Prompt, s.ShotId ?? string.Empty,
            s.Image ?? string.Empty, s.Thumbnail ?? string.Empty,
        ];
    }

    /// <summary>The whole file.</summary>
    public static string Write(IEnumerable<StudyShotResult> shots)
    {
        ArgumentNullException.ThrowIfNull(shots);
        return Write(Columns, shots.Select(Cells));
    }

    /// <summary>A CSV of <paramref name="columns"/> and <paramref name="rows"/> in the same dialect (results.csv, videos.csv).</summary>
    internal static string Write(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder().AppendJoin(',', columns).Append("\r\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Parses a CSV written by <see cref="Write(IEnumerable{StudyShotResult})"/> (quoted fields, doubled quotes, embedded newlines) into rows of cells.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        return rows;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
