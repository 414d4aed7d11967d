using System.Globalization;
using Likeness.Core.Providers;

namespace Likeness.Core.Identity;

/// <summary>
/// The training parameters a caller asks for (steps, LoRA rank, learning rate; null leaves the trainer's default). They
/// are checked against the trainer's <see cref="TrainingLimits"/> before any money moves, recorded on the identity
/// model under <see cref="StepsKey"/>, <see cref="RankKey"/> and <see cref="LearningRateKey"/> (the names every trainer
/// client reads), and so are part of what makes two trainings different (the creation's claim key).
/// </summary>
public sealed record TrainingParameters
{
    /// <summary>The recorded name of the steps.</summary>
    public const string StepsKey = "steps";

    /// <summary>The recorded name of the LoRA rank.</summary>
    public const string RankKey = "lora_rank";

    /// <summary>The recorded name of the learning rate.</summary>
    public const string LearningRateKey = "learning_rate";

    /// <summary>Nothing asked: the trainer's defaults.</summary>
    public static TrainingParameters None { get; } = new();

    /// <summary>Training steps.</summary>
    public int? Steps { get; init; }

    /// <summary>LoRA rank.</summary>
    public int? Rank { get; init; }

    /// <summary>Learning rate.</summary>
    public double? LearningRate { get; init; }

    /// <summary>True when nothing is asked.</summary>
    public bool IsEmpty => Steps is null && Rank is null && LearningRate is null;

    /// <summary>
    /// Refuses what <paramref name="provider"/>'s trainer does not take or takes only in another range, with an
    /// <see cref="ArgumentException"/> naming the parameter (a 400 on the API, exit code 2 on the command line).
    /// </summary>
    public void Validate(ProviderDescriptor provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        TrainingLimits limits = provider.Training;
        Check(Steps, limits.Steps, "steps", "training steps", provider);
        Check(Rank, limits.Rank, "rank", "a LoRA rank", provider);
        Check(LearningRate, limits.LearningRate, "learning-rate", "a learning rate", provider);
    }

    /// <summary>These values with the trainer's defaults filled in where nothing was asked (and it takes the parameter).</summary>
    public TrainingParameters WithDefaults(TrainingLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new TrainingParameters
        {
            Steps = Steps ?? (limits.Steps is { } s ? (int)s.Default : null),
            Rank = Rank ?? (limits.Rank is { } r ? (int)r.Default : null),
            LearningRate = LearningRate ?? limits.LearningRate?.Default,
        };
    }

    /// <summary>Writes the values asked for into a training's recorded parameters (invariant text).</summary>
    public void WriteTo(IDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (Steps is { } steps)
        {
            parameters[StepsKey] = steps.ToString(CultureInfo.InvariantCulture);
        }

        if (Rank is { } rank)
        {
            parameters[RankKey] = rank.ToString(CultureInfo.InvariantCulture);
        }

        if (LearningRate is { } rate)
        {
            parameters[LearningRateKey] = rate.ToString("R", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The values recorded on a training (what <see cref="WriteTo"/> wrote; unreadable values count as not given).</summary>
    public static TrainingParameters Read(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new TrainingParameters
        {
            Steps = parameters.TryGetValue(StepsKey, out string? s) && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int steps) ? steps : null,
            Rank = parameters.TryGetValue(RankKey, out string? r) && int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out int rank) ? rank : null,
            LearningRate = parameters.TryGetValue(LearningRateKey, out string? l) && double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) ? rate : null,
        };
    }

    /// <summary>"steps 2000, rank 32, learning rate 0.0002" (only the values given).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Steps is { } steps)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"steps {steps}"));
        }

        if (Rank is { } rank)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rank {rank}"));
        }

        if (LearningRate is { } rate)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"learning rate {rate:G4}"));
        }

        return parts.Count == 0 ? "the trainer's defaults" : string.Join(", ", parts);
    }

    /// <remarks>NaN is in no range, so it is refused too.</remarks>
    private static void Check(double? value, ParameterRange? range, string name, string what, ProviderDescriptor provider)
    {
        if (value is not { } v)
        {
            return;
        }

        if (range is null)
        {
            throw new ArgumentException($"{provider.DisplayName} takes no {what.Replace("a ", "", StringComparison.Ordinal)} from the caller.", name);
        }

        if (!range.Contains(v))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{provider.DisplayName} takes {what} from {range.Min:G6} to {range.Max:G6} (got {v:G6})."), name);
        }
    }
}
