using Likeness.Testing;
using Likeness.Core.Assets;
using Likeness.Workspace.Assets;

namespace Likeness.Workspace.Tests;

/// <summary>
/// The asset stores the contract tests run on: the disk store always, the S3 store on the S3-compatible server
/// LIKENESS_TEST_S3 names (./test.sh starts s3rver, bucket "likeness-test"). Without a server the S3 rows fail
/// with instructions; LIKENESS_TEST_S3=off leaves S3 out on purpose.
/// </summary>
public static class TestAssetStores
{
    public const string Variable = "LIKENESS_TEST_S3";

    public static TheoryData<string> Kinds => Environment.GetEnvironmentVariable(Variable) == "off"
        ? new TheoryData<string> { "disk" }
        : new TheoryData<string> { "disk", "s3" };

    /// <summary>A fresh, empty store (S3: a prefix of its own in the test bucket).</summary>
    public static IAssetStore Create(string kind, TempFolder folder)
    {
        if (kind == "disk")
        {
            return new DiskAssetStore(folder.Path);
        }

        string endpoint = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } e && e != "off"
            ? e
            : throw new InvalidOperationException($"S3 tests need a server: run ./test.sh (it starts s3rver), or set {Variable} to an S3 endpoint with a 'likeness-test' bucket and S3RVER keys, or {Variable}=off to skip them.");
        return new S3AssetStore(new S3StoreOptions
        {
            Bucket = "likeness-test",
            Prefix = $"test-{Guid.NewGuid():N}/",
            ServiceUrl = new Uri(endpoint),
            AccessKeyId = "S3RVER",
            SecretAccessKey = "S3RVER",
        });
    }
}
