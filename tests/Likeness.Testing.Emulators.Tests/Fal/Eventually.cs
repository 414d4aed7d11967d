namespace Likeness.Testing.Emulators.Tests.Fal;

/// <summary>Waits in real time for something the emulator does in the background (webhook deliveries).</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), $"timed out waiting for {what}");
    }
}
