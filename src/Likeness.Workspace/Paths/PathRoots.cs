using Likeness.Core;

namespace Likeness.Workspace.Paths;

/// <summary>
/// The folders a path read from a file the user did not type (a study file's cast folder, a cast manifest's photos)
/// may point into: the file's own folder, the home, and folders typed on the command line. A path is checked after
/// every symbolic link in it is followed, so <c>..</c>, an absolute path to elsewhere and a link out are all refused.
/// </summary>
public sealed class PathRoots
{
    private readonly List<string> _roots;

    /// <summary>Roots from the given folders (resolved, links followed).</summary>
    public PathRoots(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => RealPath(Path.GetFullPath(r))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The allowed folders, links followed.</summary>
    public IReadOnlyList<string> Roots => _roots;

    /// <summary>These roots and <paramref name="more"/>.</summary>
    public PathRoots With(params string[] more) => new([.. _roots, .. more]);

    /// <summary>
    /// <paramref name="path"/> as a full path (relative to <paramref name="baseFolder"/>), or an
    /// <see cref="InvalidInputException"/> naming <paramref name="field"/> when it lies outside every root.
    /// </summary>
    public string Resolve(string path, string baseFolder, string field)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path, baseFolder);
        string real = RealPath(full);
        if (!_roots.Any(root => Inside(real, root)))
        {
            string why = string.Equals(real, full, StringComparison.Ordinal) ? string.Empty : $" (a link to {real})";
            throw new InvalidInputException(
                $"{field}: '{path}' is outside the folders a file may point into{why}; allowed: {string.Join(", ", _roots)}.", field);
        }

        return full;
    }

    private static bool Inside(string path, string root) =>
        string.Equals(path, root, StringComparison.Ordinal)
        || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The full path with every symbolic link in it followed (components that do not exist yet are kept as written).</summary>
    private static string RealPath(string full, int depth = 0)
    {
        if (depth > 40)
        {
            throw new IOException($"Too many levels of symbolic links in {full}.");
        }

        string current = Path.GetPathRoot(full) ?? Path.DirectorySeparatorChar.ToString();
        string[] parts = full[current.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < parts.Length; i++)
        {
            string next = Path.Combine(current, parts[i]);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target)
            {
                // A link's target may itself hold links: resolve it afresh, then go on with the rest.
                current = RealPath(Path.GetFullPath(target, current), depth + 1);
                continue;
            }

            current = next;
        }

        return current;
    }
}
