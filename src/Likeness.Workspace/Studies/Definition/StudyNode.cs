using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Likeness.Workspace.Studies.Definition;

/// <summary>
/// A node of a parsed study file with its field path and line, and typed reads that fail with a
/// <see cref="StudyFileException"/> naming both. YAML and JSON files share it (JSON is read as YAML).
/// </summary>
internal sealed class StudyNode(string file, string path, YamlNode node)
{
    public string Path { get; } = path;

    public int Line => (int)node.Start.Line;

    public StudyFileException Error(string problem) => new(file, Line, Path.Length == 0 ? "(study)" : Path, problem);

    public bool IsScalar => node is YamlScalarNode;

    /// <summary>The mapping's entries; unknown keys are refused so typos do not pass silently.</summary>
    public IReadOnlyDictionary<string, StudyNode> Mapping(params string[] allowed)
    {
        if (node is not YamlMappingNode mapping)
        {
            throw Error("expected a mapping (key: value lines).");
        }

        var result = new Dictionary<string, StudyNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            string name = (key as YamlScalarNode)?.Value ?? throw new StudyNode(file, Path, key).Error("a key must be a plain name.");
            string child = Path.Length == 0 ? name : $"{Path}.{name}";
            if (allowed.Length > 0 && !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw new StudyNode(file, child, key).Error($"unknown field; expected one of {string.Join(", ", allowed)}.");
            }

            result[name] = new StudyNode(file, child, value);
        }

        return result;
    }

    public IReadOnlyList<StudyNode> Sequence()
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error("expected a list.");
        }

        return [.. sequence.Children.Select((n, i) => new StudyNode(file, $"{Path}[{i}]", n))];
    }

    public string String()
    {
        string? value = (node as YamlScalarNode)?.Value;
        return string.IsNullOrWhiteSpace(value) ? throw Error("expected a non-empty text.") : value.Trim();
    }

    public double Number(double min, double max)
    {
        if (!double.TryParse((node as YamlScalarNode)?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value))
        {
            throw Error("expected a number.");
        }

        return value >= min && value <= max ? value : throw Error($"must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)}).");
    }

    public bool Boolean() => (node as YamlScalarNode)?.Value switch
    {
        "true" or "True" or "TRUE" or "yes" => true,
        "false" or "False" or "FALSE" or "no" => false,
        _ => throw Error("expected true or false."),
    };

    public long Integer(long min, long max)
    {
        if (!long.TryParse((node as YamlScalarNode)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value))
        {
            throw Error("expected a whole number.");
        }

        return value >= min && value <= max ? value : throw Error($"must be between {min} and {max} (got {value}).");
    }
}
