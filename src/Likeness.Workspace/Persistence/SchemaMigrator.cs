using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// Brings a database up to the current schema by running the committed migration scripts it has not run yet,
/// each in its own transaction together with its row in <c>likeness_migrations</c>, so a failure half way
/// leaves the database at the previous version. (EF Core's C# migrations need the Design package, which the
/// package mirror cannot provide; the scripts are generated from the EF model by <see cref="SchemaScript"/>.)
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The PostgreSQL advisory lock that serialises migrations ("LIKENESS" in ASCII).</summary>
    private const long MigrationLockKey = 0x4C494B454E455353;

    /// <summary>The scripts for a database kind, in order: (id, sql).</summary>
    public static IReadOnlyList<(string Id, string Sql)> Scripts(DatabaseKind kind)
    {
        string prefix = $"Likeness.Workspace.Persistence.Migrations.{kind.ToString().ToLowerInvariant()}.";
        Assembly assembly = typeof(SchemaMigrator).Assembly;
        return [.. assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[prefix.Length..^4], reader.ReadToEnd());
            })];
    }

    /// <summary>Runs the pending scripts; returns the ids it ran.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(LikenessDbContext db, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        time ??= TimeProvider.System;
        DatabaseKind kind = db.Database.IsNpgsql() ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        DbConnection connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        bool locked = false;
        try
        {
            if (kind == DatabaseKind.Postgres)
            {
                // Processes starting together against one server would race to create the same tables.
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
                locked = true;
            }
            else
            {
                // Write-ahead logging: parallel shots read while others write, instead of queueing behind every commit
                // until the busy timeout runs out ("database is locked"). The mode is stored in the file.
                await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, null,
                "CREATE TABLE IF NOT EXISTS likeness_migrations (id varchar(100) PRIMARY KEY, applied_at varchar(40) NOT NULL)", cancellationToken).ConfigureAwait(false);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using (DbCommand read = connection.CreateCommand())
            {
                read.CommandText = "SELECT id FROM likeness_migrations";
                await using DbDataReader reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            var ran = new List<string>();
            foreach (var (id, sql) in Scripts(kind).Where(s => !applied.Contains(s.Id)))
            {
                await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                foreach (string statement in sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                }

                await ExecuteAsync(connection, transaction,
                    $"INSERT INTO likeness_migrations (id, applied_at) VALUES ('{id}', '{time.GetUtcNow():O}')", cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                ran.Add(id);
            }

            return ran;
        }
        finally
        {
            if (locked)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
            }

            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
