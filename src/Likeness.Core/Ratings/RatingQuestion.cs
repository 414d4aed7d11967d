namespace Likeness.Core.Ratings;

/// <summary>The two questions of a blind rating, as in DreamBooth's user study (each asked for every pair).</summary>
public enum RatingQuestion
{
    /// <summary>"Which image better keeps the character's identity?"</summary>
    Identity,

    /// <summary>"Which image better follows the prompt?"</summary>
    Prompt,
}
