using Likeness.Testing.Emulators.Fal;

namespace Likeness.Providers.Tests.Fal;

public sealed class StorageContractTests
{
    [Fact]
    public async Task A_small_file_is_uploaded_in_one_put_and_served_back()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync();
        byte[] bytes = [.. Enumerable.Range(0, 5000).Select(i => (byte)i)];
        Uri url = await bed.Client.Storage.UploadAsync(bytes, "application/octet-stream", "small.bin");
        Assert.StartsWith(bed.Emulator.CdnUri.AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(bytes, await bed.Client.DownloadAsync(url.AbsoluteUri));
    }

    [Fact]
    public async Task A_large_file_goes_in_parts_and_arrives_whole_despite_a_failing_part()
    {
        await using FalTestbed bed = await FalTestbed.StartAsync(client: o => (o.MultipartThresholdBytes, o.MultipartPartBytes) = (64 * 1024, 16 * 1024));
        byte[] bytes = new byte[(5 * 16 * 1024) + 123];
        new Random(5).NextBytes(bytes);
        bed.Emulator.Faults.Inject(FalFault.BadGateway502, 1, "storage/upload/multipart");
        bed.Emulator.Faults.Inject(FalFault.BadGateway502, 1, "storage/");
        Uri url = await bed.Client.Storage.UploadAsync(bytes, "application/zip", "big.zip");
        Assert.Equal(bytes, await bed.Client.DownloadAsync(url.AbsoluteUri));
    }
}
