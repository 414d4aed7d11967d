using Likeness.Core.Providers;

namespace Likeness.Core.Tests.Providers;

/// <summary>
/// A provider's 401 or 403 to a request that carried the key is a refused key by default
/// (<see cref="ProviderException.KeyRefused"/>); nothing else is, a file host's 401 or 403 included.
/// </summary>
public sealed class KeyRefusedTests
{
    [Theory]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(null, false)]
    public void Only_a_401_or_403_is_a_refused_key(int? status, bool refused) =>
        Assert.Equal(refused, new ProviderException("fal", "refused", status).KeyRefused);

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void A_401_or_403_to_a_request_without_the_key_is_no_refused_key(int status) =>
        Assert.False(new ProviderException("fal", "a file host refused the link", status) { KeySent = false }.KeyRefused);
}
