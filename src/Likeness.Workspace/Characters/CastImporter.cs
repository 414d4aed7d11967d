using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.References;

namespace Likeness.Workspace.Characters;

/// <summary>Turns a cast folder into workspace characters with checked references, reusing those already there.</summary>
public sealed class CastImporter(LikenessWorkspace workspace)
{
    /// <summary>
    /// Imports every member of the cast in <paramref name="castFolder"/>: an existing character of the same name is
    /// reused, and references are added only to a character that has none. Every member's references are checked
    /// before anything is written, so refused references stop the import with nothing created; the number of
    /// warnings goes to <paramref name="log"/>.
    /// </summary>
    public async Task<IReadOnlyList<Character>> ImportAsync(string castFolder, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        DemoCast cast = DemoCast.Load(castFolder);
        IReadOnlyList<Character> existing = await workspace.Characters.ListAsync(cancellationToken).ConfigureAwait(false);
        var plan = new List<(CastMember Member, Character? Character, bool NeedsReferences)>();
        foreach (CastMember member in cast.Characters)
        {
            Character? character = existing.FirstOrDefault(c => CharacterName.Same(c.Name, member.Name));
            bool needsReferences = character is null || (await workspace.Characters.ReferencesAsync(character.Id, cancellationToken).ConfigureAwait(false)).Count == 0;
            if (needsReferences)
            {
                ReferenceCheckReport report = await workspace.Characters.CheckReferencesAsync(character?.Id, member.References, cancellationToken).ConfigureAwait(false);
                if (!report.Passed)
                {
                    throw new RuleViolationException($"The cast's references for {member.Name} were refused (nothing was imported): {string.Join(" ", report.Errors.Select(e => e.Message))}");
                }
            }

            plan.Add((member, character, needsReferences));
        }

        var characters = new List<Character>();
        foreach ((CastMember member, Character? found, bool needsReferences) in plan)
        {
            Character character = found ?? await workspace.Characters.CreateAsync(member.Name, member.Description, member.Profile, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (needsReferences)
            {
                var (report, added) = await workspace.Characters.AddReferencesAsync(character, member.References, cancellationToken).ConfigureAwait(false);
                if (!report.Passed)
                {
                    throw new RuleViolationException($"The cast's references for {member.Name} were refused: {string.Join(" ", report.Errors.Select(e => e.Message))}");
                }

                log?.Report($"{member.Name}: {added.Count} references added ({report.Warnings.Count()} warnings)");
            }

            characters.Add(character);
        }

        return characters;
    }
}
