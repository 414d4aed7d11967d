using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Scoring;
using Likeness.Providers.Fal;
using Likeness.Testing;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Persistence;

namespace Likeness.Workspace.Tests;

/// <summary>A fresh workspace in a temp folder with the demo cast's two characters and their references.</summary>
internal sealed class CastWorkspace : IAsyncDisposable
{
    private CastWorkspace(TempFolder folder, TestDatabase database, LikenessWorkspace workspace)
    {
        Folder = folder;
        Database = database;
        Workspace = workspace;
    }

    public TestDatabase Database { get; }

    public TempFolder Folder { get; }

    public LikenessWorkspace Workspace { get; private set; }

    public Character Obama { get; private set; } = null!;

    public Character Biden { get; private set; } = null!;

    public WorkspaceOptions Options { get; private init; } = null!;

    /// <summary>The face engine it was opened with, if any (a reopen keeps it).</summary>
    public IFaceAnalyzer? Faces { get; private init; }

    /// <summary>
    /// A workspace with the demo cast; <paramref name="faces"/> and <paramref name="dinoModel"/> (a DINOv2 folder) turn
    /// those engines on, <paramref name="configure"/> may change any other option, and <paramref name="time"/> and
    /// <paramref name="fal"/> set the clock and the fal client (an emulator's); <paramref name="open"/>, when given, opens
    /// the workspace from its options instead (a container composed with other providers).
    /// </summary>
    public static async Task<CastWorkspace> CreateAsync(
        DatabaseKind kind, double failureRate = 0, double trainingSeconds = 0.3, IFaceAnalyzer? faces = null, string? dinoModel = null,
        Func<WorkspaceOptions, WorkspaceOptions>? configure = null, TimeProvider? time = null, FalClientOptions? fal = null,
        Func<WorkspaceOptions, Task<LikenessWorkspace>>? open = null)
    {
        var folder = new TempFolder();
        TestDatabase database = await TestDatabases.CreateAsync(kind, folder);
        var options = new WorkspaceOptions
        {
            Home = folder.Path,
            Database = kind,
            ConnectionString = database.ConnectionString,
            SimFailureRate = failureRate,
            SimTrainingDuration = TimeSpan.FromSeconds(trainingSeconds),
            DinoModel = dinoModel,
        };
        options = configure?.Invoke(options) ?? options;
        LikenessWorkspace workspace = open is null ? await LikenessWorkspace.OpenAsync(options, faces, time, fal: fal) : await open(options);
        var cast = new CastWorkspace(folder, database, workspace) { Options = options, Faces = faces };
        DemoCast members = DemoCast.Load(Path.Combine(RepoPaths.Root, "samples", "cast"));
        var characters = new List<Character>();
        foreach (CastMember member in members.Characters)
        {
            Character c = await cast.Workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile);
            var (report, added) = await cast.Workspace.Characters.AddReferencesAsync(c, member.References);
            Assert.True(report.Passed, string.Join("; ", report.Errors.Select(e => e.Message)));
            Assert.Equal(member.References.Count, added.Count);
            characters.Add(c);
        }

        cast.Obama = characters.Single(c => c.Name == "Barack Obama");
        cast.Biden = characters.Single(c => c.Name == "Joe Biden");
        return cast;
    }

    /// <summary>Reopens the workspace from disk, as a new process would.</summary>
    public async Task ReopenAsync()
    {
        Workspace.Dispose();
        Workspace = await LikenessWorkspace.OpenAsync(Options, Faces);
    }

    public Task<IdentityModel> IdentityAsync(Character character, string provider) => Workspace.Identities.CreateAsync(character, provider);

    public async ValueTask DisposeAsync()
    {
        Workspace.Dispose();
        await Database.DisposeAsync();
        Folder.Dispose();
    }
}
