using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.TrainingSets;
using Likeness.Testing;
using Likeness.Workspace.TrainingSets;

namespace Likeness.Workspace.Tests.TrainingSets;

/// <summary>
/// A caption the user writes for one reference: stored with it, sent to training instead of the written one (the
/// other references keep theirs), checked by the lint like any caption, and cleared back to the written one.
/// </summary>
public sealed class ReferenceCaptionTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private LikenessWorkspace _workspace = null!;
    private Character _obama = null!;

    public async Task InitializeAsync()
    {
        _workspace = await FacedCast.OpenAsync(new WorkspaceOptions { Home = _folder.Path });
        _obama = await _workspace.Characters.GetAsync("Barack Obama");
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_users_caption_replaces_the_written_one_for_its_reference_and_the_lint_checks_it()
    {
        IReadOnlyList<ReferenceImage> references = await _workspace.Characters.ReferencesAsync(_obama.Id);
        TrainingSetInspection before = await _workspace.TrainingSets.InspectReferencesAsync(_obama, null);

        // By file name (case-insensitive) for the first, by id for the second; the text is trimmed.
        string mine = $"{_obama.TriggerToken}, at a lectern, blue backdrop";
        ReferenceImage first = await _workspace.Characters.SetCaptionAsync(_obama, references[0].FileName.ToUpperInvariant(), "  " + mine + " ");
        Assert.Equal(mine, first.Caption);
        await _workspace.Characters.SetCaptionAsync(_obama, references[1].Id.ToString(), "smiling, outdoors");

        // Stored: a fresh read sees both.
        IReadOnlyList<ReferenceImage> stored = await _workspace.Characters.ReferencesAsync(_obama.Id);
        Assert.Equal(new string?[] { mine, "smiling, outdoors", null, null }, stored.Select(r => r.Caption).Take(4));

        TrainingSetInspection after = await _workspace.TrainingSets.InspectReferencesAsync(_obama, null);
        Assert.Equal(mine, after.Captions[0]);
        Assert.Equal("smiling, outdoors", after.Captions[1]);
        Assert.Equal(before.Captions.Skip(2), after.Captions.Skip(2));
        // The user's caption without the trigger is found, as a written one would be.
        Assert.Equal([references[1].FileName], Assert.Single(after.Report.Findings, f => f.Rule == LintRules.TriggerMissing).Images);

        // Blank clears it: the written caption is back.
        Assert.Null((await _workspace.Characters.SetCaptionAsync(_obama, references[1].Id.ToString(), "   ")).Caption);
        TrainingSetInspection cleared = await _workspace.TrainingSets.InspectReferencesAsync(_obama, null);
        Assert.Equal(before.Captions[1], cleared.Captions[1]);
        Assert.DoesNotContain(cleared.Report.Findings, f => f.Rule == LintRules.TriggerMissing);
    }

    [Fact]
    public async Task A_bad_caption_or_an_unknown_reference_is_refused_and_nothing_changes()
    {
        IReadOnlyList<ReferenceImage> references = await _workspace.Characters.ReferencesAsync(_obama.Id);
        Character biden = await _workspace.Characters.GetAsync("Joe Biden");
        Guid bidens = (await _workspace.Characters.ReferencesAsync(biden.Id))[0].Id;

        Assert.Equal("caption", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            _workspace.Characters.SetCaptionAsync(_obama, references[0].FileName, new string('a', ReferenceImage.MaxCaptionLength + 1)))).Field);
        Assert.Equal("caption", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            _workspace.Characters.SetCaptionAsync(_obama, references[0].FileName, "two\nlines"))).Field);
        // Another character's reference is not this one's.
        await Assert.ThrowsAsync<NotFoundException>(() => _workspace.Characters.SetCaptionAsync(_obama, bidens.ToString(), "x"));
        await Assert.ThrowsAsync<NotFoundException>(() => _workspace.Characters.SetCaptionAsync(_obama, "no-such-file.jpg", "x"));
        Assert.All(await _workspace.Characters.ReferencesAsync(_obama.Id), r => Assert.Null(r.Caption));
        Assert.All(await _workspace.Characters.ReferencesAsync(biden.Id), r => Assert.Null(r.Caption));
    }
}
