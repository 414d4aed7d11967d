using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;
using Likeness.Core.TrainingSets;
using Likeness.Workspace.TrainingSets;

namespace Likeness.Workspace.Tests.TrainingSets;

/// <summary>
/// A caption the user writes for one reference: stored with it, sent to training instead of the written one (the
/// other references keep theirs), checked by the lint like any caption, and cleared back to the written one.
/// </summary>
public sealed class ReferenceCaptionTests : ObamaInFacedCast
{
    [Fact]
    public async Task A_users_caption_replaces_the_written_one_for_its_reference_and_the_lint_checks_it()
    {
        IReadOnlyList<ReferenceImage> references = await Workspace.Characters.ReferencesAsync(Obama.Id);
        TrainingSetInspection before = await Workspace.TrainingSets.InspectReferencesAsync(Obama, null);

        // By file name (case-insensitive) for the first, by id for the second; the text is trimmed.
        string mine = $"{Obama.TriggerToken}, at a lectern, blue backdrop";
        ReferenceImage first = await Workspace.Characters.SetCaptionAsync(Obama, references[0].FileName.ToUpperInvariant(), "  " + mine + " ");
        Assert.Equal(mine, first.Caption);
        await Workspace.Characters.SetCaptionAsync(Obama, references[1].Id.ToString(), "smiling, outdoors");

        // Stored: a fresh read sees both.
        IReadOnlyList<ReferenceImage> stored = await Workspace.Characters.ReferencesAsync(Obama.Id);
        Assert.Equal(new string?[] { mine, "smiling, outdoors", null, null }, stored.Select(r => r.Caption).Take(4));

        TrainingSetInspection after = await Workspace.TrainingSets.InspectReferencesAsync(Obama, null);
        Assert.Equal(mine, after.Captions[0]);
        Assert.Equal("smiling, outdoors", after.Captions[1]);
        Assert.Equal(before.Captions.Skip(2), after.Captions.Skip(2));
        // The user's caption without the trigger is found, as a written one would be.
        Assert.Equal([references[1].FileName], Assert.Single(after.Report.Findings, f => f.Rule == LintRules.TriggerMissing).Images);

        // Blank clears it: the written caption is back.
        Assert.Null((await Workspace.Characters.SetCaptionAsync(Obama, references[1].Id.ToString(), "   ")).Caption);
        TrainingSetInspection cleared = await Workspace.TrainingSets.InspectReferencesAsync(Obama, null);
        Assert.Equal(before.Captions[1], cleared.Captions[1]);
        Assert.DoesNotContain(cleared.Report.Findings, f => f.Rule == LintRules.TriggerMissing);
    }

    [Fact]
    public async Task A_bad_caption_or_an_unknown_reference_is_refused_and_nothing_changes()
    {
        IReadOnlyList<ReferenceImage> references = await Workspace.Characters.ReferencesAsync(Obama.Id);
        Character biden = await Workspace.Characters.GetAsync("Joe Biden");
        Guid bidens = (await Workspace.Characters.ReferencesAsync(biden.Id))[0].Id;

        Assert.Equal("caption", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            Workspace.Characters.SetCaptionAsync(Obama, references[0].FileName, new string('a', ReferenceImage.MaxCaptionLength + 1)))).Field);
        Assert.Equal("caption", (await Assert.ThrowsAsync<InvalidInputException>(() =>
            Workspace.Characters.SetCaptionAsync(Obama, references[0].FileName, "two\nlines"))).Field);
        // Another character's reference is not this one's.
        await Assert.ThrowsAsync<NotFoundException>(() => Workspace.Characters.SetCaptionAsync(Obama, bidens.ToString(), "x"));
        await Assert.ThrowsAsync<NotFoundException>(() => Workspace.Characters.SetCaptionAsync(Obama, "no-such-file.jpg", "x"));
        Assert.All(await Workspace.Characters.ReferencesAsync(Obama.Id), r => Assert.Null(r.Caption));
        Assert.All(await Workspace.Characters.ReferencesAsync(biden.Id), r => Assert.Null(r.Caption));
    }
}
