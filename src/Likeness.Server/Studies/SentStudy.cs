using Likeness.Core;
using Likeness.Core.Characters;
using Likeness.Core.Providers;
using Likeness.Server.Jobs.Studies;
using Likeness.Workspace.Characters;
using Likeness.Workspace.Studies.Definition;
using Likeness.Workspace.Studies.Videos;

namespace Likeness.Server.Studies;

/// <summary>
/// A study file sent to the API, read and checked before anything is queued or priced: its text, the definition, its
/// provider entries against the registered providers, and its characters as this project's (each once, in order).
/// </summary>
/// <param name="Text">The study file as sent.</param>
/// <param name="Study">Its definition.</param>
/// <param name="Plans">Its provider entries, checked (known, keyed, offering the approach).</param>
/// <param name="Characters">Its characters, found in the project.</param>
internal sealed record SentStudy(string Text, StudyDefinition Study, IReadOnlyList<StudyProviderPlan> Plans, IReadOnlyList<Character> Characters)
{
    /// <summary>Reads the request's study file; a bad field is a 400 naming it, an unknown character one naming <c>characters[i]</c>.</summary>
    public static async Task<SentStudy> ReadAsync(
        Guid project, HttpRequest request, CharacterCatalog characters, ProviderRegistry providers, CancellationToken cancellationToken)
    {
        string text = await StudyUpload.ReadAsync(request, cancellationToken).ConfigureAwait(false);
        StudyDefinition study;
        IReadOnlyList<StudyProviderPlan> plans;
        try
        {
            study = StudyFile.ParseSent(text, StudySteps.SentFileName);
            plans = StudyProviderPlan.For(study, providers);
            StudyVideos.Check(study, providers);
        }
        catch (StudyFileException ex)
        {
            throw new InvalidInputException(ex.Message, ex.Field);
        }

        var found = new List<Character>();
        for (int i = 0; i < study.Characters.Count; i++)
        {
            try
            {
                Character c = await characters.GetAsync(project, study.Characters[i], cancellationToken).ConfigureAwait(false);
                if (found.All(f => f.Id != c.Id))
                {
                    found.Add(c);
                }
            }
            catch (NotFoundException)
            {
                throw new InvalidInputException($"No character named '{study.Characters[i]}' in this project.", $"characters[{i}]");
            }
        }

        return new SentStudy(text, study, plans, found);
    }
}
