using Likeness.Core.Costs;
using Likeness.Core.Identity;
using Likeness.Core.Providers;

namespace Likeness.Core.Tests.Identity;

/// <summary>Training parameters from the caller: refused outside the trainer's limits, recorded as the trainers read them.</summary>
public sealed class TrainingParametersTests
{
    private static ProviderDescriptor Trainer(TrainingLimits limits) => new()
    {
        Name = "t", DisplayName = "Test trainer", Capabilities = ProviderCapabilities.Training, Apps = new Dictionary<ProviderCapabilities, string>(),
        Prices = new PriceTable([]), Training = limits,
    };

    private static readonly ProviderDescriptor StepsOnly = Trainer(new TrainingLimits { Steps = new ParameterRange(1, 10_000, 1000) });

    private static readonly ProviderDescriptor Flux = Trainer(new TrainingLimits
    {
        Steps = new ParameterRange(3, 6000, 1000), Rank = new ParameterRange(1, 128, 16), LearningRate = new ParameterRange(1e-7, 1e-2, 4e-4),
    });

    [Fact]
    public void What_the_trainer_does_not_take_or_takes_in_another_range_is_refused_naming_the_parameter()
    {
        Assert.Equal("rank", Assert.Throws<ArgumentException>(() => new TrainingParameters { Rank = 32 }.Validate(StepsOnly)).ParamName);
        Assert.Equal("learning-rate", Assert.Throws<ArgumentException>(() => new TrainingParameters { LearningRate = 1e-4 }.Validate(StepsOnly)).ParamName);
        ArgumentException steps = Assert.Throws<ArgumentException>(() => new TrainingParameters { Steps = 6001 }.Validate(Flux));
        Assert.Equal("steps", steps.ParamName);
        Assert.Contains("from 3 to 6000 (got 6001)", steps.Message, StringComparison.Ordinal);
        Assert.Equal("rank", Assert.Throws<ArgumentException>(() => new TrainingParameters { Rank = 0 }.Validate(Flux)).ParamName);
        Assert.Equal("learning-rate", Assert.Throws<ArgumentException>(() => new TrainingParameters { LearningRate = double.NaN }.Validate(Flux)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentException>(() => new TrainingParameters { Steps = 1 }.Validate(Trainer(TrainingLimits.None))).ParamName);

        // Within range, or nothing asked: accepted.
        new TrainingParameters { Steps = 6000, Rank = 128, LearningRate = 1e-7 }.Validate(Flux);
        TrainingParameters.None.Validate(Trainer(TrainingLimits.None));
    }

    [Fact]
    public void Recorded_values_read_back_the_same_and_defaults_fill_only_what_the_trainer_takes()
    {
        var asked = new TrainingParameters { Steps = 2000, Rank = 32, LearningRate = 0.0002 };
        var recorded = new Dictionary<string, string> { ["trigger_word"] = "ohwx" };
        asked.WriteTo(recorded);
        Assert.Equal(("2000", "32", "0.0002"), (recorded["steps"], recorded["lora_rank"], recorded["learning_rate"]));
        Assert.Equal(asked, TrainingParameters.Read(recorded));
        Assert.Equal(TrainingParameters.None, TrainingParameters.Read(new Dictionary<string, string> { ["steps"] = "many" }));

        Assert.Equal(new TrainingParameters { Steps = 1000 }, TrainingParameters.None.WithDefaults(StepsOnly.Training));
        Assert.Equal(new TrainingParameters { Steps = 500, Rank = 16, LearningRate = 4e-4 }, new TrainingParameters { Steps = 500 }.WithDefaults(Flux.Training));
        Assert.Equal("steps 2000, rank 32, learning rate 0.0002", asked.ToString());
    }
}
