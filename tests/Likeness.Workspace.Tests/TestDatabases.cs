using Likeness.Testing;
using Likeness.Workspace.Persistence;
using Npgsql;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The databases the workspace tests run on: SQLite always, PostgreSQL on the server LIKENESS_TEST_POSTGRES names
/// (./test.sh starts one). A PostgreSQL row without a server fails with instructions; LIKENESS_TEST_POSTGRES=off
/// leaves PostgreSQL out on purpose.
/// </summary>
public static class TestDatabases
{
    public const string Variable = "LIKENESS_TEST_POSTGRES";

    public static TheoryData<DatabaseKind> Kinds => Environment.GetEnvironmentVariable(Variable) == "off"
        ? new TheoryData<DatabaseKind> { DatabaseKind.Sqlite }
        : new TheoryData<DatabaseKind> { DatabaseKind.Sqlite, DatabaseKind.Postgres };

    /// <summary>A fresh, empty database for one test; dropped when disposed.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, TempFolder folder)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            return new TestDatabase(kind, $"Data Source={folder.Combine("likeness.db")}", null);
        }

        string server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s && s != "off"
            ? s
            : throw new InvalidOperationException($"PostgreSQL tests need a server: run ./test.sh (it starts PostgreSQL 15), or set {Variable} to a connection string, or {Variable}=off to skip them.");
        string name = "likeness_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(kind, $"{server};Database={name}", () => DropAsync(server, name));
    }

    private static async Task DropAsync(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(server + ";Database=postgres");
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>One test's database.</summary>
public sealed class TestDatabase(DatabaseKind kind, string connectionString, Func<Task>? drop) : IAsyncDisposable
{
    public DatabaseKind Kind => kind;

    public string ConnectionString => connectionString;

    public async ValueTask DisposeAsync()
    {
        if (drop is not null)
        {
            await drop();
        }
    }
}
