
namespace Likeness.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await LikenessCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
