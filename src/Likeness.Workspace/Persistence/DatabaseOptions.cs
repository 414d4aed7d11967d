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

/// <summary>
/// Makes the workspace's database contexts, of either kind. Each kind has its own context type because EF Core
/// caches one model per context type, and the two providers map the same entities to different column types.
/// </summary>
public sealed class LikenessDbContextFactory : IDbContextFactory<LikenessDbContext>
{
    private readonly Func<LikenessDbContext> _create;

    /// <summary>A factory for <paramref name="kind"/> at <paramref name="connectionString"/>.</summary>
    public LikenessDbContextFactory(DatabaseKind kind, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        switch (kind)
        {
            case DatabaseKind.Sqlite:
                DbContextOptions<SqliteLikenessDbContext> sqlite = new DbContextOptionsBuilder<SqliteLikenessDbContext>().UseSqlite(connectionString).Options;
                _create = () => new SqliteLikenessDbContext(sqlite);
                break;
            case DatabaseKind.Postgres:
                DbContextOptions<PostgresLikenessDbContext> postgres = new DbContextOptionsBuilder<PostgresLikenessDbContext>().UseNpgsql(connectionString).Options;
                _create = () => new PostgresLikenessDbContext(postgres);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown database kind.");
        }

        Kind = kind;
    }

    /// <summary>The database kind.</summary>
    public DatabaseKind Kind { get; }

    /// <summary>A new context; dispose it when done.</summary>
    public LikenessDbContext CreateDbContext() => _create();
}
