using System.CommandLine;

namespace Likeness.Cli.Commands.Clip;

/// <summary><c>likeness clip</c>: CLIP embeddings, image-text scores and image-image similarity.</summary>
internal static class ClipCommand
{
    public static Command Create() => new("clip", "CLIP (openai/clip-vit-base-patch32 and same-architecture models): embed, score, compare, tokenize.")
    {
        ClipEmbedCommand.Create(),
        ClipScoreCommand.Create(),
        ClipSimilarityCommand.Create(),
        ClipTokenizeCommand.Create(),
    };
}
