using Likeness.Workspace.Persistence;
using Likeness.Core.References;
using Likeness.Workspace.Assets;
using Microsoft.EntityFrameworkCore;

namespace Likeness.Workspace.Tests;

public sealed class CrashSafetyTests
{
    [Fact]
    public async Task An_asset_write_that_dies_half_way_leaves_nothing_behind()
    {
        using var folder = new TempFolder();
        var store = new DiskAssetStore(folder.Path);
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(new FailingStream(200_000), "image/png"));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));

        // A crash (not an exception) can leave a temp file; it is never an asset and the next open sweeps it.
        File.WriteAllBytes(Path.Combine(folder.Path, "tmp", "leftover"), [1, 2, 3]);
        _ = new DiskAssetStore(folder.Path);
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Assets_are_content_addressed_and_stored_once()
    {
        using var folder = new TempFolder();
        var store = new DiskAssetStore(folder.Path);
        var a = await store.PutAsync(new MemoryStream([1, 2, 3]), "x");
        var b = await store.PutAsync(new MemoryStream([1, 2, 3]), "x");
        Assert.Equal(a, b);
        Assert.Equal("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", a.Sha256);
        Assert.Single(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories));
        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(new string('0', 64)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("../../etc/passwd"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Kinds), MemberType = typeof(TestDatabases))]
    public async Task A_batch_of_rows_that_fails_half_way_writes_no_row(DatabaseKind kind)
    {
        await using CastWorkspace cast = await CastWorkspace.CreateAsync(kind);
        int before = (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id)).Count;
        await using (var db = cast.Workspace.OpenDb())
        {
            var fresh = ReferenceImage.Create(cast.Obama.Id, new string('c', 64), "new.jpg", "jpeg", 10, 10, 1, ReferenceRole.Other, 0, null, TimeProvider.System);
            var existingSha = (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id))[0].AssetSha256;
            var clash = ReferenceImage.Create(cast.Obama.Id, existingSha, "dup.jpg", "jpeg", 10, 10, 1, ReferenceRole.Other, 0, null, TimeProvider.System);
            db.References.AddRange(fresh, clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, (await cast.Workspace.Characters.ReferencesAsync(cast.Obama.Id)).Count);
    }

    private sealed class FailingStream(int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfter)
            {
                throw new IOException("disk unplugged");
            }

            int n = Math.Min(count, failAfter - _position + 1);
            Array.Fill(buffer, (byte)7, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
