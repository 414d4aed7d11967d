using Microsoft.Extensions.Options;

namespace Likeness.Server.Hosting;

/// <summary>The server's own settings (section <c>Likeness:Server</c>), validated at start-up.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Likeness:Server";

    /// <summary>Requests each token (or signed-in user, or anonymous address) may make per <see cref="RateLimitPeriod"/>.</summary>
    public int RateLimitPermits { get; set; } = 200;

    /// <summary>How many requests may come at once before the limit applies (the bucket's size).</summary>
    public int RateLimitBurst { get; set; } = 400;

    /// <summary>The period <see cref="RateLimitPermits"/> refill over.</summary>
    public TimeSpan RateLimitPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Browser origins allowed to call the API; empty (the default) keeps CORS closed.</summary>
    public IList<string> CorsOrigins { get; } = [];

    /// <summary>Largest reference upload accepted, in bytes (the request body, all files together).</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1000 * 1000;

    /// <summary>Whether a start on a home without users makes the first owner and prints its token.</summary>
    public bool CreateFirstOwner { get; set; } = true;

    /// <summary>A bearer token a metrics scraper sends to read <c>/metrics</c> (at least 32 characters); unset, only administrators may.</summary>
    public string? MetricsToken { get; set; }

    internal sealed class Validator : IValidateOptions<ServerOptions>
    {
        public ValidateOptionsResult Validate(string? name, ServerOptions options)
        {
            var errors = new List<string>();
            if (options.RateLimitPermits < 1 || options.RateLimitBurst < 1)
            {
                errors.Add($"{Section}:RateLimitPermits and RateLimitBurst must be at least 1.");
            }

            if (options.RateLimitPeriod <= TimeSpan.Zero)
            {
                errors.Add($"{Section}:RateLimitPeriod must be positive.");
            }

            if (options.MaxUploadBytes < 1024)
            {
                errors.Add($"{Section}:MaxUploadBytes must be at least 1024.");
            }

            if (options.MetricsToken is { } token && token.Trim().Length < 32)
            {
                errors.Add($"{Section}:MetricsToken must be at least 32 characters when set.");
            }

            errors.AddRange(options.CorsOrigins.Where(o => !Uri.TryCreate(o, UriKind.Absolute, out _)).Select(o => $"{Section}:CorsOrigins has '{o}', not an absolute origin."));
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
