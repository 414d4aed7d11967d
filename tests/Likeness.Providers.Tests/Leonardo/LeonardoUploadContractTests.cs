using Likeness.Providers.Leonardo;
using Likeness.Testing;

namespace Likeness.Providers.Tests.Leonardo;

/// <summary>The two-step presigned init-image upload: a form that expires between the steps is replaced, never reused.</summary>
public sealed class LeonardoUploadContractTests
{
    [Fact]
    public async Task A_form_that_expires_between_the_two_steps_is_replaced_by_a_fresh_one()
    {
        var time = new ManualTime();
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(
            e => (e.Time, e.RunDuration) = (time, TimeSpan.Zero),
            primary: emulator => new ClockBeforeStorage(emulator.StorageUri, time, TimeSpan.FromMinutes(3), times: 1));
        Assert.Single((await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request())).Images);
        Assert.Equal(2, bed.Emulator.InitImagesIssued);
        Assert.Equal(1, bed.Emulator.InitImagesUploaded);
        Assert.Single(bed.Emulator.Generations);
    }

    [Fact]
    public async Task Forms_that_keep_expiring_fail_the_shot_before_anything_is_paid()
    {
        var time = new ManualTime();
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync(
            e => (e.Time, e.RunDuration) = (time, TimeSpan.Zero),
            client: o => o.UploadAttempts = 2,
            primary: emulator => new ClockBeforeStorage(emulator.StorageUri, time, TimeSpan.FromMinutes(3), times: int.MaxValue));
        LeonardoException error = await Assert.ThrowsAsync<LeonardoException>(() => bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request()));
        Assert.Equal(403, error.Status);
        Assert.Equal(2, bed.Emulator.InitImagesIssued);
        Assert.Equal(0, bed.Emulator.InitImagesUploaded);
        Assert.Empty(bed.Emulator.Generations);
    }

    [Fact]
    public async Task Every_shot_uploads_its_reference_afresh()
    {
        await using LeonardoTestbed bed = await LeonardoTestbed.StartAsync();
        await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(1));
        await bed.Provider.GenerateFromReferencesAsync(LeonardoTestbed.Request(2));
        Assert.Equal(2, bed.Emulator.InitImagesUploaded);
        Assert.Equal(2, bed.Emulator.Generations.Select(g => g.Input.GetProperty("controlnets")[0].GetProperty("initImageId").GetString()).Distinct().Count());
    }

    /// <summary>Moves the emulator's clock on before the first <paramref name="times"/> form POSTs: the time a slow network or a paused process would take.</summary>
    private sealed class ClockBeforeStorage(Uri storage, ManualTime time, TimeSpan by, int times) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _left = times;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsoluteUri.StartsWith(storage.AbsoluteUri, StringComparison.Ordinal) && Interlocked.Decrement(ref _left) >= 0)
            {
                time.Advance(by);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
