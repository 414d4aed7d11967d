namespace Likeness.Workspace.Credits;

/// <summary>How often a member's credit allowance starts afresh (UTC: midnight, Monday, the first of the month).</summary>
public enum CreditPeriod
{
    /// <summary>Every day.</summary>
    Day,

    /// <summary>Every ISO week (from Monday).</summary>
    Week,

    /// <summary>Every calendar month.</summary>
    Month,
}

/// <summary>Where a period starts.</summary>
public static class CreditPeriods
{
    /// <summary>The start (UTC) of the period of <paramref name="period"/> that holds <paramref name="now"/>.</summary>
    public static DateTimeOffset StartOf(CreditPeriod period, DateTimeOffset now)
    {
        DateTimeOffset day = new(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            CreditPeriod.Day => day,
            CreditPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            CreditPeriod.Month => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown credit period."),
        };
    }

    /// <summary>A period by name (<c>day</c>, <c>week</c>, <c>month</c>); null is a month. Anything else is invalid input naming <paramref name="field"/>.</summary>
    public static CreditPeriod Parse(string? value, string field = "period") =>
        value is null ? CreditPeriod.Month
        : Enum.TryParse(value, ignoreCase: true, out CreditPeriod period) && Enum.IsDefined(period) && !int.TryParse(value, out _) ? period
        : throw new Core.InvalidInputException($"'{field}' is day, week or month.", field);
}
