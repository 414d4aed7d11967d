namespace Likeness.Workspace.TrainingSets;

/// <summary>One image of a training set to inspect: its name, its encoded bytes, and the caption the user gave, if any.</summary>
public sealed record TrainingImageInput(string Name, ReadOnlyMemory<byte> Bytes, string? Caption = null);
