using System.CommandLine;
using Likeness.Core.Characters;
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

    /// <summary>Whether any gate option was given.</summary>
    public bool Requested(ParseResult parse)
    {
        bool keep = parse.GetValue(Keep) is not null;
        if (!keep && (parse.GetValue(MaxAttempts) is not null || parse.GetValue(MaxCost) is not null))
        {
            throw new CliUsageException("--max-attempts and --max-cost bound a gated request: give --keep N too.");
        }

        return keep;
    }

    /// <summary>The gated request from the options.</summary>
    public GateRequest Request(ParseResult parse, Character character, IdentityModel identity, ShotRequest first, bool useCache)
    {
        int keep = parse.GetValue(Keep)!.Value;
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
        if (attempts < keep || attempts > 1000)
        {
            throw new CliUsageException($"--max-attempts must be from --keep ({keep}) to 1000.");
        }

        return new GateRequest
        {
            Character = character,
            Identity = identity,
            Shot = first,
            Keep = keep,
            MaxAttempts = attempts,
            MaxCostUsd = cost,
            TargetFalseAcceptRate = far,
            UseCache = useCache,
        };
    }
}
