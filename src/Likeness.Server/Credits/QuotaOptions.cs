using Likeness.Core.Accounts;
using Likeness.Workspace.Credits;
using Microsoft.Extensions.Options;

namespace Likeness.Server.Credits;

/// <summary>
/// Quotas per project role (section <c>Likeness:Quotas</c>, e.g. <c>Likeness:Quotas:Artist:GenerationsPerDay</c>),
/// validated at start-up. A quota left empty is no limit. Viewers cannot start paid calls at all (their role).
/// </summary>
public sealed class QuotaOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Likeness:Quotas";

    /// <summary>Artists: 500 paid calls a day, 8 at once.</summary>
    public RoleQuota Artist { get; set; } = new() { GenerationsPerDay = 500, ConcurrentJobs = 8 };

    /// <summary>Admins: 2,000 a day, 16 at once.</summary>
    public RoleQuota Admin { get; set; } = new() { GenerationsPerDay = 2000, ConcurrentJobs = 16 };

    /// <summary>Owners: no limits.</summary>
    public RoleQuota Owner { get; set; } = new();

    /// <summary>The quotas of <paramref name="role"/> (viewers, who cannot spend, fall under the artists').</summary>
    public RoleQuota For(ProjectRole role) => role switch
    {
        ProjectRole.Owner => Owner,
        ProjectRole.Admin => Admin,
        _ => Artist,
    };

    /// <summary>Who pays a call made by <paramref name="userId"/> in <paramref name="role"/>.</summary>
    public Payer PayerFor(Guid userId, ProjectRole role)
    {
        RoleQuota quota = For(role);
        return new Payer(userId, quota.GenerationsPerDay, quota.ConcurrentJobs);
    }

    internal sealed class Validator : IValidateOptions<QuotaOptions>
    {
        public ValidateOptionsResult Validate(string? name, QuotaOptions options)
        {
            var errors = new List<string>();
            foreach ((string role, RoleQuota quota) in new[] { ("Artist", options.Artist), ("Admin", options.Admin), ("Owner", options.Owner) })
            {
                if (quota.GenerationsPerDay is < 1 || quota.ConcurrentJobs is < 1)
                {
                    errors.Add($"{Section}:{role}: GenerationsPerDay and ConcurrentJobs are at least 1 (or empty for no limit).");
                }
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}

/// <summary>One role's quotas.</summary>
public sealed class RoleQuota
{
    /// <summary>Paid calls a member may start per UTC day (refused ones not counted); null for no limit.</summary>
    public int? GenerationsPerDay { get; set; }

    /// <summary>Paid calls a member may have running at once; null for no limit.</summary>
    public int? ConcurrentJobs { get; set; }
}
