using Microsoft.Extensions.Options;

namespace Likeness.Server.Operations.Retention;

/// <summary>
/// Data retention (<c>Likeness:Retention</c>), validated at start-up: after <see cref="Days"/>, rejected shots' files,
/// finished jobs' records and webhook receipts are purged by a periodic job. Unset, nothing is purged.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Likeness:Retention";

    /// <summary>Days to keep what retention purges; null (the default) keeps it for ever.</summary>
    public int? Days { get; set; }

    /// <summary>How often the purge runs (on one node of the cluster at a time).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    internal sealed class Validator : IValidateOptions<RetentionOptions>
    {
        public ValidateOptionsResult Validate(string? name, RetentionOptions options)
        {
            var errors = new List<string>();
            if (options.Days is < 1 or > 36500)
            {
                // At least a day: a provider may redeliver a webhook for hours, and its receipt must still be there.
                errors.Add($"{Section}:Days must be between 1 and 36500 (it is {options.Days}); leave it unset to keep everything.");
            }

            if (options.Interval < TimeSpan.FromMilliseconds(100) || options.Interval > TimeSpan.FromDays(7))
            {
                errors.Add($"{Section}:Interval must be between 100 ms and 7 days (it is {options.Interval}).");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
