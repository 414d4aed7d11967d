using Likeness.Workspace.Persistence;
using Npgsql;

namespace Likeness.Server.Tests;

/// <summary>
/// The databases server tests run on: SQLite always; PostgreSQL too where LIKENESS_TEST_POSTGRES names a server
/// (./test.sh starts one; /work/notes/pg.sh-style dev servers work too). Each test gets a fresh database, dropped after.
/// </summary>
public static class ServerDatabases
{
    public const string Variable = "LIKENESS_TEST_POSTGRES";

    private static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s && s != "off" ? s : null;

    public static TheoryData<DatabaseKind> Kinds => Server is null
        ? new TheoryData<DatabaseKind> { DatabaseKind.Sqlite }
        : new TheoryData<DatabaseKind> { DatabaseKind.Sqlite, DatabaseKind.Postgres };

    /// <summary>A fresh PostgreSQL database's connection string, and how to drop it.</summary>
    internal static async Task<(string ConnectionString, Func<Task> Drop)> CreatePostgresAsync()
    {
        string server = Server ?? throw new InvalidOperationException($"Set {Variable} to a PostgreSQL connection string to run the PostgreSQL rows.");
        string name = "likeness_server_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        return ($"{server};Database={name}", async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        });
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new NpgsqlConnection(server + ";Database=postgres");
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
using Likeness.Workspace.Tests;

namespace Likeness.Server.Tests;

/// <summary>The server settings that point a test server at one of <see cref="TestDatabases"/>.</summary>
internal static class ServerDatabases
{
    public static IReadOnlyList<string> Settings(TestDatabase database) => database.Kind == DatabaseKind.Sqlite
        ? ["--Likeness:Database", "Sqlite"]
        : ["--Likeness:Database", "Postgres", "--Likeness:ConnectionString", database.ConnectionString];
}
