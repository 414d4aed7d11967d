using Likeness.Testing;
using Likeness.Core.Assets;
using Likeness.Workspace.Assets;

namespace Likeness.Workspace.Tests;

/// <summary>What every asset store promises: content addressing, one copy, atomic writes, clear misses.</summary>
public sealed class AssetStoreTests
{
    private static readonly string[] Photos = ["obama.jpg", "obama1.jpg", "obama3.jpg"];

    [Theory]
    [MemberData(nameof(TestAssetStores.Kinds), MemberType = typeof(TestAssetStores))]
    public async Task Assets_are_content_addressed_stored_once_and_read_back(string kind)
    {
        using var folder = new TempFolder();
        IAssetStore store = TestAssetStores.Create(kind, folder);
        try
        {
            AssetRef a = await store.PutAsync(new MemoryStream([1, 2, 3]), "application/octet-stream");
            AssetRef b = await store.PutAsync(new MemoryStream([1, 2, 3]), "application/octet-stream");
            Assert.Equal(a, b);
            Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", a.Sha256);
            Assert.Equal(3, a.SizeBytes);
            Assert.True(await store.ExistsAsync(a.Sha256));
            Assert.Equal([1, 2, 3], await store.ReadAllBytesAsync(a.Sha256));
            Assert.Contains(a.Sha256, store.Locate(a.Sha256), StringComparison.Ordinal);

            byte[] big = new byte[3_000_000];
            new Random(5).NextBytes(big);
            AssetRef c = await store.PutAsync(new MemoryStream(big), "image/jpeg");
            Assert.Equal(big, await store.ReadAllBytesAsync(c.Sha256));

            string missing = new('0', 64);
            Assert.False(await store.ExistsAsync(missing));
            await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(missing));
            await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("../../etc/passwd"));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(TestAssetStores.Kinds), MemberType = typeof(TestAssetStores))]
    public async Task The_store_lists_its_assets_and_deletes_one_without_touching_the_others(string kind)
    {
        using var folder = new TempFolder();
        IAssetStore store = TestAssetStores.Create(kind, folder);
        try
        {
            AssetRef a = await store.PutAsync(new MemoryStream([1, 2, 3]), "application/octet-stream");
            AssetRef b = await store.PutAsync(new MemoryStream([4, 5, 6, 7]), "application/octet-stream");
            if (kind == "disk")
            {
                // Not at an asset's address: never listed, so never swept.
                File.WriteAllBytes(Path.Combine(folder.Path, "notes.txt"), [9]);
            }

            List<StoredAsset> listed = await ListAsync(store);
            Assert.Equal(new[] { a.Sha256, b.Sha256 }.Order(StringComparer.Ordinal), listed.Select(s => s.Sha256).Order(StringComparer.Ordinal));
            Assert.Equal(4, listed.Single(s => s.Sha256 == b.Sha256).SizeBytes);

            await store.DeleteAsync(a.Sha256);
            await store.DeleteAsync(a.Sha256);
            Assert.False(await store.ExistsAsync(a.Sha256));
            Assert.Equal([4, 5, 6, 7], await store.ReadAllBytesAsync(b.Sha256));
            Assert.Equal([b.Sha256], (await ListAsync(store)).Select(s => s.Sha256));
            await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("../notes.txt"));
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static async Task<List<StoredAsset>> ListAsync(IAssetStore store)
    {
        var all = new List<StoredAsset>();
        await foreach (StoredAsset asset in store.ListAsync())
        {
            all.Add(asset);
        }

        return all;
    }

    [Theory]
    [MemberData(nameof(TestAssetStores.Kinds), MemberType = typeof(TestAssetStores))]
    public async Task A_write_that_dies_half_way_stores_nothing(string kind)
    {
        using var folder = new TempFolder();
        IAssetStore store = TestAssetStores.Create(kind, folder);
        try
        {
            byte[] content = new byte[300_000];
            Array.Fill(content, (byte)7);
            await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream(content, failAfter: 200_000), "image/png"));
            string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.AsSpan(0, 200_000)));
            Assert.False(await store.ExistsAsync(sha));
            if (kind == "disk")
            {
                Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));

                // A crash (not an exception) can leave a temp file; it is never an asset and the next open sweeps it.
                File.WriteAllBytes(Path.Combine(folder.Path, "tmp", "leftover"), [1, 2, 3]);
                _ = new DiskAssetStore(folder.Path);
                Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
            }
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(TestAssetStores.Kinds), MemberType = typeof(TestAssetStores))]
    public async Task A_workspace_keeps_references_and_shots_in_its_store(string kind)
    {
        using var folder = new TempFolder();
        S3StoreOptions? s3 = kind == "s3" ? ((S3AssetStore)TestAssetStores.Create(kind, folder)).Options : null;
        using LikenessWorkspace workspace = await LikenessWorkspace.OpenAsync(new WorkspaceOptions { Home = folder.Path, S3 = s3 });
        var character = await workspace.Characters.CreateAsync("Barack", null, null);
        string cast = Path.Combine(Likeness.Testing.RepoPaths.Root, "samples", "cast");
        var (report, added) = await workspace.Characters.AddReferencesAsync(character,
            [.. Photos.Select(f => new Likeness.Core.References.ReferenceCandidate(f, File.ReadAllBytes(Path.Combine(cast, f))))]);
        Assert.True(report.Passed);
        var identity = await workspace.Identities.CreateAsync(character, "sim-instant");
        var outcome = await workspace.Shots.GenerateAsync(character, identity, new Likeness.Core.Shots.ShotRequest { Prompt = "portrait", Width = 128, Height = 128, Seed = 1 });
        string image = outcome.Shot.Assets[0];
        Assert.True(await workspace.Assets.ExistsAsync(image));
        Assert.StartsWith(kind == "s3" ? "s3://likeness-test/" : folder.Path, workspace.Assets.Locate(image), StringComparison.Ordinal);
        Assert.Equal(added[0].SizeBytes, (await workspace.Assets.ReadAllBytesAsync(added[0].AssetSha256)).Length);
    }

    private sealed class FailingStream(byte[] content, int failAfter) : MemoryStream(content)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Position >= failAfter)
            {
                throw new IOException("disk unplugged");
            }

            return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAfter ? throw new IOException("disk unplugged") : base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAfter - Position)], cancellationToken);
    }
}
