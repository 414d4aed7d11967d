using Likeness.Workspace.Persistence;
using Likeness.Workspace.Tests;

namespace Likeness.Server.Tests;

/// <summary>The server settings that point a test server at one of <see cref="TestDatabases"/>.</summary>
internal static class ServerDatabases
{
    public static IReadOnlyList<string> Settings(TestDatabase database) => database.Kind == DatabaseKind.Sqlite
        ? ["--Likeness:Database", "Sqlite"]
        : ["--Likeness:Database", "Postgres", "--Likeness:ConnectionString", database.ConnectionString];
}
