namespace Likeness.Workspace.Studies.Definition;

/// <summary>A study file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class StudyFileException : Exception
{
    /// <summary>Creates the error.</summary>
    public StudyFileException(string file, int line, string field, string problem)
        : base(line > 0 ? $"{file}:{line}: {field}: {problem}" : $"{file}: {field}: {problem}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem is the whole file.</summary>
    public int Line { get; }

    /// <summary>The field's path ("scenarios[2].aspect_ratio").</summary>
    public string Field { get; }
}
