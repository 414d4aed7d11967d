namespace Likeness.Providers.Http;

/// <summary>Whether a provider's answer came to a request that carried the API key.</summary>
internal static class KeyCarried
{
    /// <summary>
    /// True when the request <paramref name="response"/> answers carried an Authorization header. A file host (fal's
    /// media, Replicate's delivery, Leonardo's and Astria's image hosts) gets no key, so its 401 or 403 says nothing of
    /// the key (an expired or refused link): <see cref="Core.Providers.ProviderException.KeySent"/> is then false.
    /// </summary>
    public static bool By(HttpResponseMessage response) => response.RequestMessage?.Headers.Authorization is not null;
}
