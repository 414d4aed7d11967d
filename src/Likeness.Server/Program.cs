using Likeness.Server;

return await LikenessServer.RunAsync(args).ConfigureAwait(false);

/// <summary>The server's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests).</summary>
public partial class Program;
