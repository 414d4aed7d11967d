using Likeness.Core.Shots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Likeness.Workspace.Shots.Listing;

/// <summary>
/// The fields a shot list shows that live inside a shot's JSON (its request's prompt, scenario and seed, its image
/// count, its face score), copied into columns of their own so a page of summaries reads plain columns instead of
/// parsing each shot's request, images and scores (with the 128-float face descriptor). They are shadow properties
/// of the EF model, written from the shot whenever it is added or changed (<see cref="Write"/>, on every save), so
/// they never disagree with the JSON they copy; migration 0032 filled them for the shots stored before.
/// </summary>
internal static class ShotSummaryColumns
{
    /// <summary><see cref="ShotRequest.Prompt"/>.</summary>
    public const string Prompt = "SummaryPrompt";

    /// <summary><see cref="ShotRequest.Scenario"/>.</summary>
    public const string Scenario = "SummaryScenario";

    /// <summary><see cref="ShotRequest.Seed"/>.</summary>
    public const string Seed = "SummarySeed";

    /// <summary>How many images <see cref="Shot.Assets"/> holds.</summary>
    public const string ImageCount = "SummaryImageCount";

    /// <summary><see cref="ShotScores.FaceDetected"/>.</summary>
    public const string FaceDetected = "SummaryFaceDetected";

    /// <summary><see cref="ShotScores.FaceDistanceMin"/>.</summary>
    public const string FaceDistanceMin = "SummaryFaceDistanceMin";

    /// <summary><see cref="ShotScores.FaceDistanceMean"/>.</summary>
    public const string FaceDistanceMean = "SummaryFaceDistanceMean";

    /// <summary><see cref="ShotScores.FaceAnalyzer"/>.</summary>
    public const string FaceAnalyzer = "SummaryFaceAnalyzer";

    // Each column and the shot's value it holds.
    private static readonly (string Column, Func<Shot, object?> Value)[] Copies =
    [
        (Prompt, s => s.Request.Prompt),
        (Scenario, s => s.Request.Scenario),
        (Seed, s => s.Request.Seed),
        (ImageCount, s => s.Assets.Count),
        (FaceDetected, s => s.Scores.FaceDetected),
        (FaceDistanceMin, s => s.Scores.FaceDistanceMin),
        (FaceDistanceMean, s => s.Scores.FaceDistanceMean),
        (FaceAnalyzer, s => s.Scores.FaceAnalyzer),
    ];

    /// <summary>Every column's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Copies.Select(c => c.Column)];

    /// <summary>Declares the columns on the shot's model.</summary>
    public static void Map(EntityTypeBuilder<Shot> shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        shot.Property<string>(Prompt).IsRequired();
        shot.Property<string?>(Scenario);
        shot.Property<long>(Seed);
        shot.Property<int>(ImageCount);
        shot.Property<bool?>(FaceDetected);
        shot.Property<double?>(FaceDistanceMin);
        shot.Property<double?>(FaceDistanceMean);
        shot.Property<string?>(FaceAnalyzer);
    }

    /// <summary>
    /// Copies the fields of every shot the save adds or changes into its columns. Reading the tracker's entries runs
    /// change detection first, so a shot changed in place or attached whole (<c>Update</c>) is seen as modified.
    /// </summary>
    public static void Write(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        foreach (EntityEntry<Shot> entry in tracker.Entries<Shot>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach ((string column, Func<Shot, object?> value) in Copies)
            {
                PropertyEntry property = entry.Property(column);
                object? copy = value(entry.Entity);
                if (!Equals(property.CurrentValue, copy))
                {
                    property.CurrentValue = copy;
                }
            }
        }
    }
}
