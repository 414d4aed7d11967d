using Likeness.Core.Characters;
using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Pins;
using Likeness.Core.Projects;
using Likeness.Core.References;
using Likeness.Core.Shots;
using Likeness.Core.Videos;
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

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Project>(e =>
        {
            e.HasIndex(p => p.Name).IsUnique();
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.BudgetUsd).HasPrecision(20, 10);
        });
        modelBuilder.Entity<Character>(e =>
        {
            e.HasIndex(c => new { c.ProjectId, c.Name }).IsUnique();
            e.HasIndex(c => c.TriggerToken).IsUnique();
            e.Property(c => c.Name).HasMaxLength(Character.MaxNameLength);
            e.Property(c => c.TriggerToken).HasMaxLength(TriggerToken.MaxLength);
            e.Property(c => c.Profile).HasJsonConversion();
            e.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReferenceImage>(e =>
        {
            e.HasIndex(r => new { r.CharacterId, r.AssetSha256 }).IsUnique();
            e.Property(r => r.AssetSha256).HasMaxLength(64);
            e.Property(r => r.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Fingerprint).HasConversion(v => unchecked((long)v), v => unchecked((ulong)v));
            e.Property(r => r.Analysis).HasJsonConversion();
            e.HasOne<Character>().WithMany().HasForeignKey(r => r.CharacterId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdentityModel>(e =>
        {
            e.HasIndex(m => new { m.CharacterId, m.Provider, m.Version }).IsUnique();
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Provider).HasMaxLength(100);
            e.Property(m => m.ReferenceIds).HasJsonConversion();
            e.Property(m => m.TrainingParameters).HasJsonConversion();
            e.Property(m => m.CostUsd).HasPrecision(20, 10);
            e.Property<List<IdentityArtifact>>("_artifacts").HasColumnName("Artifacts").HasJsonConversion();
            e.Ignore(m => m.Artifacts);
            e.HasOne<Character>().WithMany().HasForeignKey(m => m.CharacterId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Shot>(e =>
        {
            e.HasIndex(s => s.CacheKey);
            e.HasIndex(s => s.CharacterId);
            e.Property(s => s.Provider).HasMaxLength(100);
            e.Property(s => s.CacheKey).HasMaxLength(64);
            e.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(s => s.Request).HasJsonConversion();
            e.Property(s => s.Assets).HasJsonConversion();
            e.Property(s => s.Scores).HasJsonConversion();
            e.Property(s => s.Metadata).HasJsonConversion();
            e.Property(s => s.CostUsd).HasPrecision(20, 10);
            e.HasOne<Character>().WithMany().HasForeignKey(s => s.CharacterId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<IdentityModel>().WithMany().HasForeignKey(s => s.IdentityModelId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Pin>(e =>
        {
            e.Property(p => p.ReferenceIds).HasJsonConversion();
            e.HasOne<Character>().WithMany().HasForeignKey(p => p.CharacterId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Video>(e =>
        {
            e.HasIndex(v => v.CharacterId);
            e.Property(v => v.Provider).HasMaxLength(100);
            e.Property(v => v.AspectRatio).HasMaxLength(10);
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(v => v.AssetSha256).HasMaxLength(64);
            e.Property(v => v.ContentType).HasMaxLength(100);
            e.Property(v => v.CostUsd).HasPrecision(20, 10);
            e.HasOne<Character>().WithMany().HasForeignKey(v => v.CharacterId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Pin>().WithMany().HasForeignKey(v => v.PinId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.HasIndex(l => l.ProjectId);
            e.HasIndex(l => l.ReservationId);
            e.Property(l => l.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(l => l.AmountUsd).HasPrecision(20, 10);
            e.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}

/// <summary>The SQLite flavour (its own migrations).</summary>
public sealed class SqliteLikenessDbContext(DbContextOptions<SqliteLikenessDbContext> options) : LikenessDbContext(options);

/// <summary>The PostgreSQL flavour (its own migrations).</summary>
public sealed class PostgresLikenessDbContext(DbContextOptions<PostgresLikenessDbContext> options) : LikenessDbContext(options);
