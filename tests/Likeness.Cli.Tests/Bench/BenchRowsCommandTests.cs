using System.Text.Json;
using Likeness.Testing;

namespace Likeness.Cli.Tests.Bench;

/// <summary><c>likeness bench rows</c> times reads by rows against the whole decode for each file, and refuses a file it cannot read by rows.</summary>
public sealed class BenchRowsCommandTests
{
    [Fact]
    public async Task Json_gives_each_files_medians_and_ratios_and_says_which_keep_their_rows()
    {
        string baseline = Path.Combine(RepoPaths.TestData("jpeg"), "photo-420.jpg");
        string progressive = Path.Combine(RepoPaths.TestData("jpeg"), "photo-progressive.jpg");
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(["bench", "rows", baseline, progressive, "--iterations", "1", "--passes", "2", "--json"], output, error);

        Assert.Equal(ExitCodes.Success, code);
        JsonElement[] files = [.. JsonDocument.Parse(output.ToString()).RootElement.EnumerateArray()];
        Assert.Equal(
            [("photo-420.jpg", "jpeg", false), ("photo-progressive.jpg", "progressive jpeg", true)],
            files.Select(f => (f.GetProperty("file").GetString(), f.GetProperty("kind").GetString(), f.GetProperty("kept_by_default").GetBoolean())));
        foreach (JsonElement file in files)
        {
            Assert.Equal((2, 1), (file.GetProperty("passes").GetInt32(), file.GetProperty("runs").GetInt32()));
            double whole = file.GetProperty("whole_decode_ms_median").GetDouble(), once = file.GetProperty("one_read_ms_median").GetDouble();
            Assert.True(whole > 0 && once > 0, file.GetRawText());
            Assert.True(file.GetProperty("passes_decoding_ms_median").GetDouble() > 0 && file.GetProperty("passes_keeping_ms_median").GetDouble() > 0, file.GetRawText());
            Assert.Equal(once / whole, file.GetProperty("one_read_ratio").GetDouble(), 9);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_read_by_rows_is_bad_input()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.Combine("a.ppm"), "P6\n1 1\n255\n\u0001\u0002\u0003"u8.ToArray());
        using var output = new StringWriter();
        using var error = new StringWriter();

        int code = await LikenessCli.RunAsync(["bench", "rows", temp.Combine("a.ppm")], output, error);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("a.ppm is not read by rows", error.ToString(), StringComparison.Ordinal);
    }
}
