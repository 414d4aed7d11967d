using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// Turns a database that cannot be opened (a corrupt or missing file, a folder in its place, a read-only
/// workspace, a server that does not answer) into an <see cref="IOException"/> that says which database, without
/// credentials: an environment failure, not a bug.
/// </summary>
internal static class DatabaseUnavailable
{
    /// <summary>True for the database driver's own failures (possibly wrapped once by EF Core).</summary>
    public static bool Is(Exception ex) => ex is DbException || ex.InnerException is DbException;

    /// <summary>The error for <paramref name="ex"/> while opening the database of <paramref name="options"/>.</summary>
    public static IOException Error(WorkspaceOptions options, Exception ex)
    {
        DbException db = ex as DbException ?? (DbException)ex.InnerException!;
        if (options.Database == DatabaseKind.Postgres)
        {
            return new IOException($"The workspace database {PostgresConnectionString.Describe(options.EffectiveConnectionString)} cannot be used: {db.Message}", ex);
        }

        string path = new SqliteConnectionStringBuilder(options.EffectiveConnectionString).DataSource;
        string why = Directory.Exists(path) ? "it is a folder, not a SQLite file"
            : db is SqliteException { SqliteErrorCode: 26 or 11 } ? "it is not a SQLite database, or it is damaged"
            : db is SqliteException { SqliteErrorCode: 8 or 14 } ? $"{db.Message} (is the workspace folder writable?)"
            : db.Message;
        return new IOException($"The workspace database {path} cannot be used: {why}", ex);
    }
}
