using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Persistence;

/// <summary>Which database a workspace uses.</summary>
public enum DatabaseKind
{
    /// <summary>An embedded SQLite file (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server.</summary>
    Postgres,
}

/// <summary>Opens the workspace database of either kind.</summary>
public static class LikenessDatabase
{
    /// <summary>A context for <paramref name="kind"/> at <paramref name="connectionString"/>.</summary>
    public static LikenessDbContext Open(DatabaseKind kind, string connectionString) => kind switch
    {
        DatabaseKind.Sqlite => new SqliteLikenessDbContext(new DbContextOptionsBuilder<SqliteLikenessDbContext>()
            .UseSqlite(connectionString).Options),
        DatabaseKind.Postgres => new PostgresLikenessDbContext(new DbContextOptionsBuilder<PostgresLikenessDbContext>()
            .UseNpgsql(connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown database kind."),
    };
}
