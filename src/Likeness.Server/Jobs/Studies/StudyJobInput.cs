namespace Likeness.Server.Jobs.Studies;

/// <summary>What a study job keeps as its input: the study row and its characters, resolved in the project when it was accepted.</summary>
internal sealed record StudyJobInput(Guid StudyId, IReadOnlyList<Guid> CharacterIds);
