using Likeness.Testing;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The committed snapshot (tests/data/schema) is the SQL the EF model generates. When the model changes this
/// fails: add a migration script under src/Likeness.Workspace/Persistence/Migrations/{sqlite,postgres}, then
/// refresh the snapshot with LIKENESS_WRITE_SCHEMA=1 ./test.sh --filter SchemaTests.
/// </summary>
public sealed class SchemaTests
{
    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public void The_snapshot_matches_the_model(DatabaseKind kind)
    {
        using LikenessDbContext db = LikenessDatabase.Open(kind, kind == DatabaseKind.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=x");
        string generated = SchemaScript.Generate(db);
        string path = RepoPaths.TestData("schema", $"{kind.ToString().ToLowerInvariant()}.snapshot.sql");
        if (Environment.GetEnvironmentVariable("LIKENESS_WRITE_SCHEMA") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), generated);
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.Postgres)]
    public void The_migrations_add_up_to_the_snapshot(DatabaseKind kind)
    {
        // With one migration so far, the initial script is the snapshot; later scripts are ALTERs on top.
        var scripts = SchemaMigrator.Scripts(kind);
        Assert.NotEmpty(scripts);
        Assert.Equal("0001_initial", scripts[0].Id);
        string snapshot = File.ReadAllText(RepoPaths.TestData("schema", $"{kind.ToString().ToLowerInvariant()}.snapshot.sql")).ReplaceLineEndings("\n");
        if (scripts.Count == 1)
        {
            Assert.Equal(snapshot, scripts[0].Sql.ReplaceLineEndings("\n"));
        }
    }
}
