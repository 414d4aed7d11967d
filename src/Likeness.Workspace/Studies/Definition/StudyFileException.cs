namespace Likeness.Workspace.Studies.Definition;

/// <summary>A study file that cannot be used; the message names the file, the line and the field.</summary>
public sealed class StudyFileException : Core.LikenessException
{
    /// <summary>Creates the error.</summary>
    public StudyFileException(string file, int line, string field, string problem, Exception? innerException = null)
        : base(line > 0 ? $"{file}:{line}: {field}: {problem}" : $"{file}: {field}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Field = field;
    }

    /// <inheritdoc/>
    public override Core.ErrorKind Kind => Core.ErrorKind.InvalidInput;

    /// <summary>The file.</summary>
    public string File { get; }

    /// <summary>The 1-based line, or 0 when the problem is the whole file.</summary>
    public int Line { get; }

    /// <summary>The field's path ("scenarios[2].aspect_ratio").</summary>
    public string Field { get; }
}
