using Likeness.Core;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;

namespace Likeness.Workspace.Tests.Characters;

public sealed class CastImporterTests
{
    [Fact]
    public async Task A_cast_with_one_refused_member_imports_nobody()
    {
        using var home = new TempFolder();
        using var cast = new TempFolder();
        string samples = Path.Combine(RepoPaths.Root, "samples", "cast");
        foreach (string photo in new[] { "obama.jpg", "obama1.jpg", "obama2.jpg", "biden2.jpg" })
        {
            File.Copy(Path.Combine(samples, photo), cast.Combine(photo));
        }

        // The first member is fine; the second has one photo, under the three references with a face the rules need.
        await File.WriteAllTextAsync(cast.Combine("cast.json"), """
            { "characters": [
              { "name": "Barack Obama", "references": [ { "file": "obama.jpg", "role": "Frontal" }, { "file": "obama1.jpg" }, { "file": "obama2.jpg" } ] },
              { "name": "Joe Biden", "references": [ { "file": "biden2.jpg", "role": "Frontal" } ] }
            ] }
            """);
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = home.Path }, faces);

        RuleViolationException refused = await Assert.ThrowsAsync<RuleViolationException>(() => new CastImporter(workspace).ImportAsync(cast.Path));

        Assert.Contains("Joe Biden", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was imported", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await workspace.Characters.ListAsync());
    }
}
