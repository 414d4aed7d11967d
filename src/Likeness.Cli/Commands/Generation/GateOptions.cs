using System.CommandLine;
using Likeness.Core.Characters;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Shots;
using Likeness.Workspace.Gates;

namespace Likeness.Cli.Commands.Generation;

/// <summary><c>--keep N --max-attempts A --max-cost USD [--target-far F]</c>: the identity gate's options on <c>generate</c>.</summary>
internal sealed class GateOptions
{
    public Option<int?> Keep { get; } = new("--keep") { Description = "Keep N shots that pass the character's calibrated identity gate; failing shots are kept, marked and re-rolled with the next seed." };

    public Option<int?> MaxAttempts { get; } = new("--max-attempts") { Description = "With --keep: most attempts (default 3 × N)." };

    public Option<decimal?> MaxCost { get; } = new("--max-cost") { Description = "With --keep: most dollars the attempts may cost (required); each attempt is admitted against it before it is sent." };

    public Option<double> TargetFar { get; } = new("--target-far") { Description = "With --keep: the false-accept rate the threshold is calibrated at.", DefaultValueFactory = _ => CalibrationBook.DefaultTargetFalseAcceptRate };

    public Option<bool> Preview { get; } = new("--preview") { Description = "With --keep: make a cheap draft first (half the size where the provider prices by the megapixel, else a quarter of the steps), gate it, and make the full shot with the same seed only for accepted drafts; both are paid and recorded." };

    /// <summary>The gate's bounds when --keep was given, checked before anything is opened; null without --keep.</summary>
    public GateBounds? Read(ParseResult parse)
    {
        if (parse.GetValue(Keep) is not { } keep)
        {
            return parse.GetValue(MaxAttempts) is not null || parse.GetValue(MaxCost) is not null || parse.GetValue(Preview)
                ? throw new CliUsageException("--max-attempts, --max-cost and --preview belong to a gated request: give --keep N too.")
                : null;
        }

        if (keep is < 1 or > 100)
        {
            throw new CliUsageException("--keep must be between 1 and 100.");
        }

        decimal cost = parse.GetValue(MaxCost) ?? throw new CliUsageException("--keep needs --max-cost USD: the gate never spends without a cap.");
        if (cost <= 0)
        {
            throw new CliUsageException("--max-cost must be a positive number of dollars.");
        }

        double far = parse.GetValue(TargetFar);
        if (far is <= 0 or >= 1 || double.IsNaN(far))
        {
            throw new CliUsageException("--target-far must lie between 0 and 1 (e.g. 0.01).");
        }

        int attempts = parse.GetValue(MaxAttempts) ?? (3 * keep);
        return attempts < keep || attempts > 1000
            ? throw new CliUsageException($"--max-attempts must be from --keep ({keep}) to 1000.")
            : new GateBounds(keep, attempts, cost, far, parse.GetValue(Preview) ? GatePreview.Drafts : GatePreview.None);
    }
}

/// <summary>The checked numbers of a gated request.</summary>
internal sealed record GateBounds(int Keep, int MaxAttempts, decimal MaxCostUsd, double TargetFalseAcceptRate, GatePreview Preview)
{
    /// <summary>The gated request for a character, identity and first shot.</summary>
    public GateRequest Request(Character character, IdentityModel identity, ShotRequest first, bool useCache) => new()
    {
        Character = character,
        Identity = identity,
        Shot = first,
        Keep = Keep,
        MaxAttempts = MaxAttempts,
        MaxCostUsd = MaxCostUsd,
        TargetFalseAcceptRate = TargetFalseAcceptRate,
        Preview = Preview,
        UseCache = useCache,
    };
}
