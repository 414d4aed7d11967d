using System.Diagnostics;

namespace Likeness.Testing;

/// <summary>Waits in real time for something done in the background (webhook deliveries), at most 10 s unless told.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what, Ceiling);

    /// <summary>The same for a condition read from a store, waiting at most <paramref name="within"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition() && waited.Elapsed < within)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition(), $"timed out waiting for {what}");
    }
}
