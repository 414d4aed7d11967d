using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// The SQL that creates the current model from nothing, for the context's database, produced by EF Core's own
/// model differ and SQL generator. It is how migration scripts are written, and the committed snapshot of it
/// is how a test notices a model change that has no migration yet.
/// </summary>
public static class SchemaScript
{
    /// <summary>CREATE statements for every table and index, separated by blank lines.</summary>
    public static string Generate(LikenessDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var differ = db.GetService<IMigrationsModelDiffer>();
        var generator = db.GetService<IMigrationsSqlGenerator>();
        var model = db.GetService<IDesignTimeModel>().Model;
        var operations = differ.GetDifferences(null, model.GetRelationalModel());
        IReadOnlyList<MigrationCommand> commands = generator.Generate(operations, model);
        return string.Join("\n", commands.Select(c => c.CommandText.Trim() + "\n")).ReplaceLineEndings("\n");
    }
}
