using Likeness.Core.Accounts;
using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Gates;
using Likeness.Core.Identity;
using Likeness.Core.Pins;
using Likeness.Core.Projects;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Core.Videos;
using Likeness.Workspace.Claims;
using Likeness.Workspace.Costs;
using Likeness.Workspace.Deletion;
using Likeness.Workspace.Jobs;
using Likeness.Workspace.KeyRing;
using Likeness.Workspace.Shots.Listing;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// The workspace database. One model serves SQLite and PostgreSQL; each has its own subclass only so that
/// each keeps its own migrations. Value objects are JSON text columns; ids are time-ordered GUIDs (v7).
/// </summary>
public abstract class LikenessDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>Projects.</summary>
    public DbSet<Project> Projects => Set<Project>();

    /// <summary>Characters.</summary>
    public DbSet<Character> Characters => Set<Character>();

    /// <summary>Reference photos.</summary>
    public DbSet<ReferenceImage> References => Set<ReferenceImage>();

    /// <summary>Identity models.</summary>
    public DbSet<IdentityModel> IdentityModels => Set<IdentityModel>();

    /// <summary>Shots.</summary>
    public DbSet<Shot> Shots => Set<Shot>();

    /// <summary>Pins for video.</summary>
    public DbSet<Pin> Pins => Set<Pin>();

    /// <summary>Videos made from pins.</summary>
    public DbSet<Video> Videos => Set<Video>();

    /// <summary>Cost ledger lines.</summary>
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();

    /// <summary>Each project's running ledger totals.</summary>
    public DbSet<LedgerBalance> LedgerBalances => Set<LedgerBalance>();

    /// <summary>Durable claims on paid calls (one per shot cache key, identity creation, video request).</summary>
    public DbSet<PaidClaim> Claims => Set<PaidClaim>();

    /// <summary>Users of the server.</summary>
    public DbSet<User> Users => Set<User>();

    /// <summary>Personal API tokens (hashes only).</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Who may do what in each project.</summary>
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();

    /// <summary>Per-character gate calibrations, one row per version.</summary>
    public DbSet<CharacterCalibration> Calibrations => Set<CharacterCalibration>();

    /// <summary>Cost caps of gated requests.</summary>
    public DbSet<CostCap> CostCaps => Set<CostCap>();

    /// <summary>Characters' routes.</summary>
    public DbSet<Core.Routing.CharacterRoute> Routes => Set<Core.Routing.CharacterRoute>();

    /// <summary>The audit of deletes (who, what, when, counts).</summary>
    public DbSet<DeletionRecord> Deletions => Set<DeletionRecord>();

    /// <summary>Background jobs' records.</summary>
    public DbSet<JobRecord> Jobs => Set<JobRecord>();

    /// <summary>Provider webhooks taken for handling (one per completion, across nodes).</summary>
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    /// <summary>Members' credits per project.</summary>
    public DbSet<Credits.MemberCredit> MemberCredits => Set<Credits.MemberCredit>();

    /// <summary>Credits held by open reservations.</summary>
    public DbSet<Credits.CreditHold> CreditHolds => Set<Credits.CreditHold>();

    /// <summary>Spending alerts and their delivery state.</summary>
    public DbSet<Alerts.Alert> Alerts => Set<Alerts.Alert>();

    /// <summary>Price tables seen, for price-change alerts.</summary>
    public DbSet<Alerts.PriceSnapshot> PriceSnapshots => Set<Alerts.PriceSnapshot>();

    /// <summary>The audit log.</summary>
    public DbSet<Audit.AuditEntry> Audit => Set<Audit.AuditEntry>();

    /// <summary>Studies the server runs, with their produced files' content hashes.</summary>
    public DbSet<Studies.Stored.StudyRecord> Studies => Set<Studies.Stored.StudyRecord>();

    /// <summary>The server's data-protection key ring, shared by every node.</summary>
    public DbSet<KeyRingEntry> KeyRingEntries => Set<KeyRingEntry>();

    /// <summary>Blind human rating sessions.</summary>
    public DbSet<Core.Ratings.RatingSession> RatingSessions => Set<Core.Ratings.RatingSession>();

    /// <summary>The pairs of shots each session compares.</summary>
    public DbSet<Core.Ratings.RatingPair> RatingPairs => Set<Core.Ratings.RatingPair>();

    /// <summary>Guests' invites to a session (hashes only).</summary>
    public DbSet<Core.Ratings.RatingInvite> RatingInvites => Set<Core.Ratings.RatingInvite>();

    /// <summary>Each session's raters and the seeds of their orders.</summary>
    public DbSet<Core.Ratings.Rater> Raters => Set<Core.Ratings.Rater>();

    /// <summary>Votes, one per pair, rater and question.</summary>
    public DbSet<Core.Ratings.RatingVote> RatingVotes => Set<Core.Ratings.RatingVote>();

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        // Every other SaveChanges overload comes here (or to the async one below).
        ShotSummaryColumns.Write(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ShotSummaryColumns.Write(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LikenessDbContext).Assembly);
    }
}

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteLikenessDbContext(DbContextOptions<SqliteLikenessDbContext> options) : LikenessDbContext(options);

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresLikenessDbContext(DbContextOptions<PostgresLikenessDbContext> options) : LikenessDbContext(options);
