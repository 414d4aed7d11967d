using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Likeness.Workspace.Persistence;

/// <summary>
/// Stores a value object (a record, a list, a dictionary) as one JSON text column, the same on SQLite and
/// PostgreSQL. Change tracking compares the serialised form, so replacing or mutating the value is saved.
/// </summary>
internal static class JsonColumn
{
    /// <summary>The serialiser settings of every JSON column (web defaults: camelCase names, which the migrations' backfills name).</summary>
    private static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        var converter = new ValueConverter<T, string>(
            v => JsonSerializer.Serialize(v, Options),
            s => JsonSerializer.Deserialize<T>(s, Options)!);
        var comparer = new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
        return property.HasConversion(converter, comparer).HasColumnType("text");
    }
}
