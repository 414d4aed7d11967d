using System.Diagnostics;

namespace Likeness.Testing;

/// <summary>Waits in real time for something done in the background (webhook deliveries), at most 10 s.</summary>
internal static class Eventually
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < Ceiling)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), $"timed out waiting for {what}");
    }
}
