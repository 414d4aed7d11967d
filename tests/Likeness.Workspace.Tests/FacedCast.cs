using Likeness.Core.Characters;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Faces;

namespace Likeness.Workspace.Tests;

/// <summary>A workspace with the face engine and the bundled cast (Obama, Biden) as characters with checked references.</summary>
internal static class FacedCast
{
    public static readonly string Folder = Path.Combine(RepoPaths.Root, "samples", "cast");

    public static async Task<LikenessWorkspace> OpenAsync(WorkspaceOptions options)
    {
        FaceEngine faces = FaceEngine.TryLoadDefault(out string? problem) ?? throw new InvalidOperationException(problem);
        LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(options, faces);
        foreach (CastMember member in DemoCast.Load(Folder).Characters)
        {
            Character c = await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile);
            Assert.True((await workspace.Characters.AddReferencesAsync(c, member.References)).Report.Passed);
        }

        return workspace;
    }
}
