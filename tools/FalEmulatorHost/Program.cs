using System.Globalization;
using System.Text.Json;
using Likeness.Testing.Emulators.Fal;

// The fal emulator (tests/Likeness.Testing.Emulators) on a free loopback port, as its own process, so that server
// processes pointed at it can be killed and restarted while it keeps every submission it was sent. It prints the
// environment a server needs to use it (FAL_KEY=…, LIKENESS_FAL_*=…, one a line, then READY). Each line "counts" on
// standard input is answered with one JSON line: accepted queue submissions per endpoint id. It ends at the end of its input.
// Usage: dotnet FalEmulatorHost.dll [--queue-ms 100] [--run-ms 800] [--training-ms 5000] [--concurrency 4]
var options = new FalEmulatorOptions
{
    QueueDelay = Millis(args, "--queue-ms", 100),
    RunDuration = Millis(args, "--run-ms", 800),
    TrainingDuration = Millis(args, "--training-ms", 5000),
    Concurrency = (int)Number(args, "--concurrency", 4),
};
await using FalEmulator fal = await FalEmulator.StartAsync(options);
Console.WriteLine($"FAL_KEY={fal.Key}");
Console.WriteLine($"LIKENESS_FAL_QUEUE_URL={fal.QueueUri}");
Console.WriteLine($"LIKENESS_FAL_SYNC_URL={fal.SyncUri}");
Console.WriteLine($"LIKENESS_FAL_REST_URL={fal.RestUri}");
Console.WriteLine($"LIKENESS_FAL_JWKS_URL={fal.JwksUri}");
Console.WriteLine("READY");
Console.Out.Flush();

while (await Console.In.ReadLineAsync() is { } line)
{
    if (line.Trim() == "counts")
    {
        Dictionary<string, int> counts = fal.Requests.GroupBy(r => r.EndpointId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Console.WriteLine(JsonSerializer.Serialize(counts));
        Console.Out.Flush();
    }
}

static TimeSpan Millis(string[] args, string name, double fallback) => TimeSpan.FromMilliseconds(Number(args, name, fallback));

static double Number(string[] args, string name, double fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
