using Likeness.Core.Characters;
using Likeness.Core.Identity;
using Likeness.Core.Shots;

namespace Likeness.Workspace.Gates;

/// <summary>What a gated generation asks for: N kept shots, at most A attempts and at most the cap's money.</summary>
public sealed record GateRequest
{
    /// <summary>The character.</summary>
    public required Character Character { get; init; }

    /// <summary>The identity model that makes the shots.</summary>
    public required IdentityModel Identity { get; init; }

    /// <summary>The first attempt's request; each re-roll takes the next seed.</summary>
    public required ShotRequest Shot { get; init; }

    /// <summary>
    /// The character's route resolved for this request, when its shots go through one (<see cref="Identity"/> and
    /// <see cref="Shot"/> are then its first entry's); each attempt is admitted at the dearest entry's estimate, so a
    /// fallback never passes the cap. Null for shots at <see cref="Identity"/> alone.
    /// </summary>
    public Routing.ShotRoute? Route { get; init; }

    /// <summary>The route the attempts go through: <see cref="Route"/>, else <see cref="Identity"/> alone.</summary>
    internal Routing.ShotRoute Plan => Route ?? Routing.ShotRoute.Direct(Identity, Shot);

    /// <summary>Shots to keep (N).</summary>
    public required int Keep { get; init; }

    /// <summary>Most attempts (A).</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>Most money, in dollars; ignored when <see cref="CapId"/> names a shared cap.</summary>
    public decimal? MaxCostUsd { get; init; }

    /// <summary>A cap shared with other gated requests (<see cref="Costs.CostCapBook.CreateAsync"/>); null for a cap of its own.</summary>
    public Guid? CapId { get; init; }

    /// <summary>The false-accept rate the threshold is calibrated at.</summary>
    public double TargetFalseAcceptRate { get; init; } = CalibrationBook.DefaultTargetFalseAcceptRate;

    /// <summary>
    /// The other characters the prompt puts in the shot (each with its trigger in the prompt): every attempt is made
    /// with them and judged for bleed against the whole calibrated cast. Empty for a shot of one character.
    /// </summary>
    public IReadOnlyList<Character> Companions { get; init; } = [];

    /// <summary>How close two characters' distances may be before a face counts as ambiguous (<see cref="Core.Gates.Bleed.BleedRules"/>).</summary>
    public double BleedMargin { get; init; } = Core.Gates.Bleed.BleedRules.DefaultMargin;

    /// <summary>Whether to make cheap drafts first (<see cref="Core.Gates.GatePreview"/>).</summary>
    public Core.Gates.GatePreview Preview { get; init; } = Core.Gates.GatePreview.None;

    /// <summary>Serve an attempt from the cache when the same request (seed included) was made before.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Who each paid attempt is charged to besides the budget (a member who asked through the server); null for the budget only.</summary>
    public Credits.Payer? Payer { get; init; }

    /// <summary>Checks the numbers.</summary>
    public void Validate()
    {
        if (Keep < 1)
        {
            throw new Core.InvalidInputException($"--keep must be at least 1 (got {Keep}).", "keep");
        }

        if (MaxAttempts < Keep)
        {
            throw new Core.InvalidInputException($"--max-attempts ({MaxAttempts}) must be at least --keep ({Keep}).", "max-attempts");
        }

        if (Companions.Any(c => c.Id == Character.Id) || Companions.DistinctBy(c => c.Id).Count() != Companions.Count)
        {
            throw new Core.InvalidInputException("Each companion is another character, named once.", "with");
        }

        if (BleedMargin is < 0 or > 1 || double.IsNaN(BleedMargin))
        {
            throw new Core.InvalidInputException($"The bleed margin must be between 0 and 1 (got {BleedMargin}).", "bleed-margin");
        }

        if (CapId is null && MaxCostUsd is null)
        {
            throw new Core.InvalidInputException("A gated request needs a cost cap (--max-cost).", "max-cost");
        }
    }
}
