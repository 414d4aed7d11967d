namespace Likeness.Core.Gates;

/// <summary>The stable text code of each <see cref="VerdictReason"/>, as results files and reports write it.</summary>
public static class VerdictCodes
{
    /// <summary>"kept", "no-face", "identity", "copy-paste", "bleed", "moderated" or "failed".</summary>
    public static string Of(VerdictReason reason) => reason switch
    {
        VerdictReason.Kept => "kept",
        VerdictReason.NoFace => "no-face",
        VerdictReason.Identity => "identity",
        VerdictReason.CopyPaste => "copy-paste",
        VerdictReason.Moderated => "moderated",
        VerdictReason.Bleed => "bleed",
        _ => "failed",
    };

    /// <summary>The code of a kept shot.</summary>
    public const string Kept = "kept";
}
