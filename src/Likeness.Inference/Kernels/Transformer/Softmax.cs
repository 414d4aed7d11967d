using Likeness.Imaging;
using Likeness.Inference.Kernels.Operators;

namespace Likeness.Inference.Kernels.Transformer;

/// <summary>
/// Numerically stable softmax of one row in place: <c>exp(x - max) / Σ exp(x - max)</c>.
/// Three passes of <see cref="ElementwiseLoop"/> (max; shifted exp stored and summed; scale); the scalar path is the reference.
/// </summary>
public static unsafe class Softmax
{
    /// <summary>Replaces <paramref name="row"/> by its softmax.</summary>
    public static void Apply(Span<float> row) => Apply(row, SimdLevels.Best);

    internal static void Apply(Span<float> row, SimdLevel path)
    {
        if (row.IsEmpty)
        {
            return;
        }

        fixed (float* p = row)
        {
            int n = row.Length;
            float max = ElementwiseLoop.MapReduce<IdentityOperator, MaxOperator>(p, 0f, n, path);
            float sum = ElementwiseLoop.MapStoreReduce<ExpOfDifferenceOperator, AddOperator>(p, max, p, n, path);
            ElementwiseLoop.BinaryScalar<MultiplyOperator>(p, 1f / sum, p, n, path);
        }
    }
}
