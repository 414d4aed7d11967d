using System.Security.Cryptography;
using System.Text;

namespace Likeness.Core.Gates;

/// <summary>
/// What a calibration was computed from, as one hash: the metric, the model and the ids of the references. When
/// references are added or removed the fingerprint changes, so the stored calibration no longer applies and a new
/// version is computed.
/// </summary>
public static class CalibrationFingerprint
{
    /// <summary>Lower-case hex SHA-256 of the metric, the model and the sorted reference ids.</summary>
    public static string Of(string metric, string model, IEnumerable<Guid> referenceIds)
    {
        ArgumentNullException.ThrowIfNull(referenceIds);
        var text = new StringBuilder(metric).Append('|').Append(model);
        foreach (Guid id in referenceIds.Order())
        {
            text.Append('|').Append(id.ToString("N"));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
