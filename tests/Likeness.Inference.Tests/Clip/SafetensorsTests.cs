using System.Buffers.Binary;
using System.Text;
using Likeness.Inference.Safetensors;
using Likeness.Testing;

namespace Likeness.Inference.Tests.Clip;

public sealed class SafetensorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("likeness-st-").FullName;

    private static string Fixture => RepoPaths.TestData("clip-tiny", "model.safetensors");

    [Fact]
    public void Reads_the_tiny_fixture_header()
    {
        using SafetensorsFile file = SafetensorsFile.Open(Fixture);

        Assert.Equal(78, file.Tensors.Count);
        Assert.All(file.Tensors.Values, t => Assert.Equal(SafetensorsDType.F16, t.DType));
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Empty(file.Get("logit_scale").Shape);
        Assert.Equal(2.66015625f, file.ReadSingles("logit_scale")[0]);
    }

    [Theory]
    [InlineData(SafetensorsDType.F32)]
    [InlineData(SafetensorsDType.F16)]
    [InlineData(SafetensorsDType.BF16)]
    public void Round_trips_exactly_representable_values(SafetensorsDType dtype)
    {
        // Small integers and halves are exact in F32, F16 and BF16.
        float[] values = [.. Enumerable.Range(-12, 24).Select(i => i * 0.5f)];
        string path = Path.Combine(_dir, "t.safetensors");
        SafetensorsWriter.Write(path, [
            new SafetensorsWriter.Entry("b", dtype, [4, 6], values.CopyTo),
            new SafetensorsWriter.Entry("a", dtype, [], s => s[0] = 3f),
        ]);

        using SafetensorsFile file = SafetensorsFile.Open(path);
        Assert.Equal(values, file.ReadSingles("b", 4, 6));
        Assert.Equal([3f], file.ReadSingles("a"));
        Assert.Equal(0, (8 + BinaryPrimitives.ReadInt64LittleEndian(File.ReadAllBytes(path))) % 8);
    }

    [Fact]
    public void BFloat16_rounds_to_nearest_even()
    {
        string path = Path.Combine(_dir, "bf.safetensors");
        // 1 + 2^-8 is halfway between two BF16 values (1 and 1 + 2^-7): ties go to the even one, 1.
        // 1 + 3·2^-9 is above halfway, so it rounds up to 1 + 2^-7.
        SafetensorsWriter.Write(path, [new SafetensorsWriter.Entry("x", SafetensorsDType.BF16, [2], s =>
        {
            s[0] = 1f + MathF.Pow(2, -8);
            s[1] = 1f + (3 * MathF.Pow(2, -9));
        })]);

        using SafetensorsFile file = SafetensorsFile.Open(path);
        Assert.Equal([1f, 1f + MathF.Pow(2, -7)], file.ReadSingles("x", 2));
    }

    [Fact]
    public void Truncated_file_names_the_tensor_that_runs_past_the_end()
    {
        byte[] bytes = File.ReadAllBytes(Fixture);
        string path = Path.Combine(_dir, "truncated.safetensors");
        File.WriteAllBytes(path, bytes[..^100]);

        var ex = Assert.Throws<InvalidModelException>(() => SafetensorsFile.Open(path));

        Assert.Equal("visual_projection.weight", ex.TensorName);
        Assert.Contains("visual_projection.weight", ex.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_cut_inside_the_header_is_refused()
    {
        string path = Path.Combine(_dir, "cut.safetensors");
        File.WriteAllBytes(path, File.ReadAllBytes(Fixture)[..100]);

        var ex = Assert.Throws<InvalidModelException>(() => SafetensorsFile.Open(path));
        Assert.Contains("header length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_tensors_are_refused()
    {
        string path = WriteRaw("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12);

        var ex = Assert.Throws<InvalidModelException>(() => SafetensorsFile.Open(path));
        Assert.Equal("b", ex.TensorName);
        Assert.Contains("overlaps", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_that_disagrees_with_the_byte_range_is_refused()
    {
        string path = WriteRaw("""{"w":{"dtype":"F16","shape":[3,2],"data_offsets":[0,8]}}""", 8);

        var ex = Assert.Throws<InvalidModelException>(() => SafetensorsFile.Open(path));
        Assert.Equal("w", ex.TensorName);
        Assert.Contains("[3, 2] x F16 needs 12 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_dtype_and_malformed_JSON_are_refused()
    {
        Assert.Contains("unsupported dtype 'Q4'", Assert.Throws<InvalidModelException>(
            () => SafetensorsFile.Open(WriteRaw("""{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}""", 1))).Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidModelException>(
            () => SafetensorsFile.Open(WriteRaw("""{"w":""", 0))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_shape_request_names_the_tensor_and_both_shapes()
    {
        using SafetensorsFile file = SafetensorsFile.Open(Fixture);

        var ex = Assert.Throws<InvalidModelException>(() => file.ReadSingles("visual_projection.weight", 64, 16));

        Assert.Equal("visual_projection.weight", ex.TensorName);
        Assert.Contains("has shape [16, 64], expected [64, 16]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'nope' is missing", Assert.Throws<InvalidModelException>(() => file.Get("nope")).Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteRaw(string header, int dataBytes)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] file = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteInt64LittleEndian(file, json.Length);
        json.CopyTo(file, 8);
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".safetensors");
        File.WriteAllBytes(path, file);
        return path;
    }
}
