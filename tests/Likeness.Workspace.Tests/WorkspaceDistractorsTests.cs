using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Providers.Sim;
using Likeness.Testing;
using Likeness.Workspace.Accounts;
using Likeness.Workspace.Persistence;
using Likeness.Workspace.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Likeness.Workspace.Tests;

/// <summary>The sim's distractors for a character are the other characters' references in its own project, never another project's.</summary>
public sealed class WorkspaceDistractorsTests
{
    [Fact]
    public async Task A_characters_distractors_are_the_other_characters_of_its_own_project()
    {
        using var folder = new TempFolder();
        await using TestDatabase database = await TestDatabases.CreateAsync(DatabaseKind.Sqlite, folder);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, Database = DatabaseKind.Sqlite, ConnectionString = database.ConnectionString });
        User owner = await workspace.Services.GetRequiredService<UserBook>().CreateAsync("owner", null, false);
        ProjectBook projects = workspace.Services.GetRequiredService<ProjectBook>();
        Guid mine = (await projects.DefaultAsync()).Id, theirs = (await projects.CreateAsync("Theirs", null, owner.Id)).Id;
        (Character ada, _) = await CharacterAsync(workspace, mine, "Ada", "obama.jpg");
        (_, string bea) = await CharacterAsync(workspace, mine, "Bea", "biden.jpg");
        (Character cid, string cids) = await CharacterAsync(workspace, theirs, "Cid", "biden2.jpg");
        ISimDistractorSource distractors = workspace.Services.GetRequiredService<ISimDistractorSource>();

        Assert.Equal([bea], (await distractors.DistractorsForAsync(ada.TriggerToken, CancellationToken.None)).Select(p => p.Sha256));
        Assert.Empty(await distractors.DistractorsForAsync(cid.TriggerToken, CancellationToken.None));
        Assert.DoesNotContain(cids, (await distractors.DistractorsForAsync(ada.TriggerToken, CancellationToken.None)).Select(p => p.Sha256));
    }

    private static async Task<(Character Character, string Sha256)> CharacterAsync(LikenessWorkspace workspace, Guid project, string name, string photo)
    {
        Character character = await workspace.Characters.CreateAsync(project, name, "a test subject", null);
        var (report, added) = await workspace.Characters.AddReferencesAsync(
            character, [new ReferenceCandidate(photo, await File.ReadAllBytesAsync(TestClips.Photo(photo)))]);
        Assert.True(report.Passed);
        return (character, Assert.Single(added).AssetSha256);
    }
}
