namespace Likeness.Core.Gates;

/// <summary>
/// A hard limit on what a gated request (or several sharing it) may spend and how many attempts it may make.
/// Money is held in whole micro-dollars so the database can check and move it in one exact statement: an attempt
/// reserves its estimate only when spent + reserved + estimate stays within the limit and the attempt count
/// below its maximum, atomically, so concurrent requests can never together go over.
/// </summary>
public sealed class CostCap
{
    /// <summary>Micro-dollars per dollar.</summary>
    public const long MicrosPerUsd = 1_000_000;

    private CostCap()
    {
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The project whose ledger pays.</summary>
    public Guid ProjectId { get; private set; }

    /// <summary>The limit, in micro-dollars.</summary>
    public long LimitMicros { get; private set; }

    /// <summary>Most attempts; null for no limit besides the money.</summary>
    public int? MaxAttempts { get; private set; }

    /// <summary>Attempts admitted so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Estimates of admitted attempts not yet settled, in micro-dollars.</summary>
    public long ReservedMicros { get; private set; }

    /// <summary>What settled attempts cost, in micro-dollars.</summary>
    public long SpentMicros { get; private set; }

    /// <summary>When it was set.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The limit in dollars.</summary>
    public decimal LimitUsd => ToUsd(LimitMicros);

    /// <summary>What settled attempts cost, in dollars.</summary>
    public decimal SpentUsd => ToUsd(SpentMicros);

    /// <summary>A new cap.</summary>
    public static CostCap Create(Guid projectId, decimal limitUsd, int? maxAttempts, TimeProvider time)
    {
        if (limitUsd < 0)
        {
            throw new InvalidInputException($"A cost cap cannot be negative (got {limitUsd}).", "max-cost");
        }

        if (maxAttempts is < 1)
        {
            throw new InvalidInputException($"At most {maxAttempts} attempts: at least 1 is needed.", "max-attempts");
        }

        DateTimeOffset now = time.GetUtcNow();
        return new CostCap { Id = Guid.CreateVersion7(now), ProjectId = projectId, LimitMicros = ToMicros(limitUsd, up: false), MaxAttempts = maxAttempts, CreatedAt = now };
    }

    /// <summary>Dollars as micro-dollars; estimates round up and limits down, so rounding never lets a cap be passed.</summary>
    public static long ToMicros(decimal usd, bool up) =>
        (long)(up ? Math.Ceiling(usd * MicrosPerUsd) : Math.Floor(usd * MicrosPerUsd));

    /// <summary>Micro-dollars as dollars.</summary>
    public static decimal ToUsd(long micros) => micros / (decimal)MicrosPerUsd;
}
