using Likeness.Core.Characters;
using Likeness.Testing;

namespace Likeness.Workspace.Tests.TrainingSets;

/// <summary>A fresh workspace holding the faced cast, per test, with Barack Obama (four measured references) at hand.</summary>
public abstract class ObamaInFacedCast : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>The test's workspace.</summary>
    protected LikenessWorkspace Workspace { get; private set; } = null!;

    /// <summary>The character the tests work on.</summary>
    protected Character Obama { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Workspace = await FacedCast.OpenAsync(new WorkspaceOptions { Home = _folder.Path });
        Obama = await Workspace.Characters.GetAsync("Barack Obama");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
