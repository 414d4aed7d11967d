using Likeness.Testing;
using System.Data.Common;
using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Projects;
using Likeness.Core.Shots;
using Likeness.Workspace.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The committed migration scripts must build exactly the schema the EF model generates. When the model
/// changes this fails until a script under src/Likeness.Workspace/Persistence/Migrations/{sqlite,postgres}
/// brings the database along (SchemaScript.Generate shows the target).
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task A_sqlite_workspace_uses_write_ahead_logging_so_parallel_shots_do_not_lock_each_other_out()
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, folder);
        await using LikenessDbContext db = new LikenessDbContextFactory(DatabaseKind.Sqlite, database.ConnectionString).CreateDbContext();
        await SchemaMigrator.MigrateAsync(db);
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task The_migrations_build_the_schema_the_model_expects(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        using var otherFolder = new TempFolder();
        await using TestDatabase migrated = await TestDatabases.CreateAsync(kind, folder);
        await using TestDatabase generated = await TestDatabases.CreateAsync(kind, otherFolder);
        Assert.Equal("0001_initial", SchemaMigrator.Scripts(kind)[0].Id);

        await using (LikenessDbContext db = new LikenessDbContextFactory(kind, migrated.ConnectionString).CreateDbContext())
        {
            Assert.NotEmpty(await SchemaMigrator.MigrateAsync(db));
            Assert.Empty(await SchemaMigrator.MigrateAsync(db));
        }

        await using (LikenessDbContext db = new LikenessDbContextFactory(kind, generated.ConnectionString).CreateDbContext())
        {
            foreach (string statement in SchemaScript.Generate(db).Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await db.Database.ExecuteSqlRawAsync(statement);
            }
        }

        Assert.Equal(await CatalogAsync(kind, generated.ConnectionString), await CatalogAsync(kind, migrated.ConnectionString));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_database_at_the_first_version_gains_the_videos_table(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        Assert.Equal(["0001_initial", "0002_videos"], SchemaMigrator.Scripts(kind).Take(2).Select(s => s.Id));
        await using LikenessDbContext db = new LikenessDbContextFactory(kind, database.ConnectionString).CreateDbContext();
        await SchemaMigrator.MigrateAsync(db);

        // Back to 0001: the table and its migration row gone, as a database made before videos existed.
        await db.Database.ExecuteSqlRawAsync("DROP TABLE \"Videos\"");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM likeness_migrations WHERE id = '0002_videos'");
        Assert.Equal(["0002_videos"], await SchemaMigrator.MigrateAsync(db));
        Assert.Equal(0, await db.Videos.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task Shots_reviewed_before_the_review_column_existed_get_it_from_their_stored_review(DatabaseKind kind)
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        await using LikenessDbContext db = new LikenessDbContextFactory(kind, database.ConnectionString).CreateDbContext();
        await SchemaMigrator.MigrateAsync(db);
        var time = new ManualTime();
        Project project = Project.Create("Season 2", null, time);
        Character character = Character.Create(project.Id, "Ada", null, null, "adaxyz", time);
        IdentityModel identity = IdentityModel.CreateReady(character.Id, IdentityModelKind.Reference, "sim-instant", 1, [], [], time);
        Shot Made(int seed, bool? accepted)
        {
            Shot shot = Shot.Create(character.Id, identity.Id, "sim-instant", new ShotRequest { Prompt = "a portrait", Seed = seed }, $"review-{seed}", time);
            shot.Succeed([new string('a', 64)], null, 1, 0.01m, true, new Dictionary<string, string>(), time);
            if (accepted is { } verdict)
            {
                shot.SetReview(new ShotReview(verdict, Guid.NewGuid(), "ari", time.GetUtcNow()));
            }

            return shot;
        }

        Shot[] shots = [Made(1, true), Made(2, false), Made(3, null)];
        db.AddRange(project, character, identity);
        db.Shots.AddRange(shots);
        await db.SaveChangesAsync();

        // Back to before 0031: without the column, as a database whose shots were reviewed before it existed.
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Shots\" DROP COLUMN \"ReviewAccepted\"");
        await db.Database.ExecuteSqlRawAsync("DELETE FROM likeness_migrations WHERE id = '0031_shot_review_accepted'");
        Assert.Equal(["0031_shot_review_accepted"], await SchemaMigrator.MigrateAsync(db));
        Dictionary<Guid, bool?> stored = await db.Shots.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.ReviewAccepted);
        Assert.Equal(new bool?[] { true, false, null }, shots.Select(s => stored[s.Id]));
    }

    /// <summary>
    /// Every table, column (type, nullability) and index, as text lines in a stable order; Quartz's tables (QRTZ_) are
    /// not in the EF model and are checked by the server's tests, which start Quartz on them.
    /// </summary>
    private static async Task<List<string>> CatalogAsync(DatabaseKind kind, string connectionString)
    {
        await using LikenessDbContext db = new LikenessDbContextFactory(kind, connectionString).CreateDbContext();
        DbConnection connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        string sql = kind == DatabaseKind.Sqlite
            ? """
              SELECT m.name || '.' || p.name || ' ' || p.type || ' ' || p."notnull" FROM sqlite_master m JOIN pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'likeness_migrations' AND m.name NOT LIKE 'QRTZ_%'
              UNION ALL SELECT 'index ' || name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name NOT LIKE 'QRTZ_%'
              """
            : """
              SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '') || ' ' || is_nullable
              FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'likeness_migrations' AND table_name NOT LIKE 'qrtz_%'
              UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'likeness_migrations' AND tablename NOT LIKE 'qrtz_%'
              """;
        var lines = new List<string>();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        Assert.True(lines.Count > 40, $"Only {lines.Count} catalog lines: the schema looks empty.");
        return lines;
    }
}
