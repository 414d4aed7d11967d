using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Pins;
using Likeness.Core.References;
using Likeness.Imaging;
using Likeness.Media.Decoding;
using Likeness.Workspace.Videos.Frames;

namespace Likeness.Workspace.Pins;

/// <summary>
/// Seed 003's zero-cost shortcut: the last frame of a clip becomes the frontal image of a new pin, so the next clip
/// starts where this one ended. The frame goes through the normal reference checks (a face, the same person as the
/// character's other references) and is named after the clip and its time ("clip.mp4@4.96s.jpg") as provenance.
/// </summary>
public sealed class LastFramePin(LikenessWorkspace workspace, VideoFrameReader frames)
{
    /// <summary>Pins <paramref name="character"/> with the last frame of <paramref name="clip"/> as the frontal image.</summary>
    /// <exception cref="InvalidVideoException">The clip cannot be used.</exception>
    /// <exception cref="RuleViolationException">The frame was refused as a reference (no face, someone else); nothing is added.</exception>
    public async Task<(Pin Pin, ReferenceImage Frame, ReferenceCheckReport Check)> CreateAsync(
        Character character, string clip, IReadOnlyList<string>? references = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(character);
        ReferenceCandidate? candidate = null;
        await foreach (VideoFrame frame in frames.ReadAsync(clip, FrameSampling.LastFrame, null, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                byte[] jpeg = ImageEncoder.EncodeToBytes(frame.Image, ImageFormat.Jpeg, new EncodeOptions { JpegQuality = 95 });
                candidate = new ReferenceCandidate(TrainingFrameExtractor.ReferenceName(clip, frame.Time), jpeg, ReferenceRole.Frontal);
            }
        }

        if (candidate is null)
        {
            throw new InvalidVideoException(VideoProblem.DecodeFailed, $"{Path.GetFileName(clip)}: FFmpeg gave no frame.");
        }

        var (check, added) = await workspace.Characters.AddReferencesAsync(character, [candidate], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!check.Passed || added.Count != 1)
        {
            throw new RuleViolationException(
                $"The last frame of {Path.GetFileName(clip)} cannot be {character.Name}'s pin: {string.Join("; ", check.Errors.Select(e => e.Message))}") { Character = character.Name };
        }

        Pin pin = await workspace.Pins.CreateAsync(character, added[0].Id.ToString(), references, cancellationToken).ConfigureAwait(false);
        return (pin, added[0], check);
    }
}
