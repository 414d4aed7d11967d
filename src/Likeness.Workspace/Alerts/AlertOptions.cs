namespace Likeness.Workspace.Alerts;

/// <summary>
/// Spending alerts (<c>Likeness:Alerts</c>): the thresholds, and the optional outgoing webhook each alert is
/// delivered to, signed with HMAC-SHA256 and retried with backoff until it is taken.
/// </summary>
public sealed class AlertOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Likeness:Alerts";

    /// <summary>Thresholds in percent of a budget or an allowance (1 to 1000); empty uses 50, 80 and 100.</summary>
    public IList<int> Thresholds { get; } = [];

    /// <summary>The thresholds in force.</summary>
    public IReadOnlyList<int> EffectiveThresholds => Thresholds.Count == 0 ? [50, 80, 100] : [.. Thresholds.Distinct().Order()];

    /// <summary>The webhook (an absolute http(s) URL); null delivers nothing (alerts are still recorded and listed).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC-SHA256 key the webhook's deliveries are signed with (at least 16 characters); needed with a URL.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How often pending deliveries are looked for.</summary>
    public TimeSpan DeliveryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a first failed delivery; it doubles per failure up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between attempts (attempts go on until one succeeds).</summary>
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one delivery may take.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait before attempt <paramref name="failures"/> + 1.</summary>
    public TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromTicks(Math.Min(RetryMax.Ticks, RetryBase.Ticks * (1L << Math.Clamp(failures - 1, 0, 30))));

    /// <summary>What is wrong with the settings, one line each.</summary>
    public IEnumerable<string> Problems()
    {
        if (Thresholds.Any(t => t is < 1 or > 1000))
        {
            yield return $"{Section}:Thresholds are percents from 1 to 1000.";
        }

        if (WebhookUrl is { Length: > 0 } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{Section}:WebhookUrl must be an absolute http(s) URL.";
            }

            if (WebhookSecret is not { Length: >= 16 })
            {
                yield return $"{Section}:WebhookSecret must have at least 16 characters when a WebhookUrl is set.";
            }
        }

        if (DeliveryInterval <= TimeSpan.Zero || RetryBase <= TimeSpan.Zero || RetryMax < RetryBase || DeliveryTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}: DeliveryInterval, RetryBase and DeliveryTimeout must be positive, and RetryMax at least RetryBase.";
        }
    }

    /// <summary>Validates at start-up, naming each wrong setting.</summary>
    internal sealed class Validator : Microsoft.Extensions.Options.IValidateOptions<AlertOptions>
    {
        public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, AlertOptions options)
        {
            List<string> problems = [.. options.Problems()];
            return problems.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
        }
    }
}
