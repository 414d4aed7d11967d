using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;

namespace Likeness.Server.Tests;

/// <summary>
/// The databases server tests run on, made by the workspace tests' <see cref="TestDatabases"/>: SQLite always;
/// PostgreSQL too where LIKENESS_TEST_POSTGRES names a server (./test.sh starts one; /work/notes/pg.sh-style dev
/// servers work too). Each test gets a fresh database, dropped after.
/// </summary>
public static class ServerDatabases
{
    private static bool HasServer => Environment.GetEnvironmentVariable(TestDatabases.Variable) is { Length: > 0 } s && s != "off";

    /// <summary>The kinds a theory runs on: PostgreSQL only where a server is named.</summary>
    public static TheoryData<DatabaseKind> Kinds => HasServer
        ? new TheoryData<DatabaseKind> { DatabaseKind.Sqlite, DatabaseKind.Postgres }
        : new TheoryData<DatabaseKind> { DatabaseKind.Sqlite };

    /// <summary>The server settings that point a test server at <paramref name="database"/>.</summary>
    internal static IReadOnlyList<string> Settings(TestDatabase database) => database.Kind == DatabaseKind.Sqlite
        ? ["--Likeness:Database", nameof(DatabaseKind.Sqlite)]
        : ["--Likeness:Database", nameof(DatabaseKind.Postgres), "--Likeness:ConnectionString", database.ConnectionString];
}
