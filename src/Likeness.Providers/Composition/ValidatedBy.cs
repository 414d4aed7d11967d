using Microsoft.Extensions.Options;

namespace Likeness.Providers.Composition;

/// <summary>
/// Runs an options type's own <c>Validate()</c> (which throws the ArgumentException family with a message that
/// says what to fix) as the container's validation, so a bad value fails at start-up with that message.
/// </summary>
public sealed class ValidatedBy<TOptions>(Action<TOptions> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
