using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likeness.Imaging;

namespace Likeness.Inference.Kernels.Operators;

/// <summary>
/// The one place the element-wise kernels step down the Vector512 → Vector256 → Vector128 ladder and finish with a
/// scalar tail; <see cref="SimdLevel.Scalar"/> runs only the tail, which is the reference. The JIT specialises each
/// operator struct, so no call is virtual. Destinations may alias inputs element for element (in-place use).
/// </summary>
internal static unsafe class ElementwiseLoop
{
    /// <summary><c>destination[i] = TOp(x[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unary<TOp>(float* x, float* destination, int n, SimdLevel level)
        where TOp : struct, IUnaryOperator
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                TOp.Invoke(Vector512.Load(x + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                TOp.Invoke(Vector256.Load(x + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                TOp.Invoke(Vector128.Load(x + i)).Store(destination + i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TOp.Invoke(x[i]);
        }
    }

    /// <summary><c>destination[i] = TOp(x[i], y[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Binary<TOp>(float* x, float* y, float* destination, int n, SimdLevel level)
        where TOp : struct, IBinaryOperator
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i)).Store(destination + i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TOp.Invoke(x[i], y[i]);
        }
    }

    /// <summary><c>destination[i] = TOp(x[i], y)</c>: the second input is one value for every element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BinaryScalar<TOp>(float* x, float y, float* destination, int n, SimdLevel level)
        where TOp : struct, IBinaryOperator
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            Vector512<float> y512 = Vector512.Create(y);
            for (; i <= n - 16; i += 16)
            {
                TOp.Invoke(Vector512.Load(x + i), y512).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector256)
        {
            Vector256<float> y256 = Vector256.Create(y);
            for (; i <= n - 8; i += 8)
            {
                TOp.Invoke(Vector256.Load(x + i), y256).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector128)
        {
            Vector128<float> y128 = Vector128.Create(y);
            for (; i <= n - 4; i += 4)
            {
                TOp.Invoke(Vector128.Load(x + i), y128).Store(destination + i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TOp.Invoke(x[i], y);
        }
    }

    /// <summary><c>destination[i] = TOp(x[i], y[i], z[i])</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Ternary<TOp>(float* x, float* y, float* z, float* destination, int n, SimdLevel level)
        where TOp : struct, ITernaryOperator
    {
        int i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= n - 16; i += 16)
            {
                TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i), Vector512.Load(z + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector256)
        {
            for (; i <= n - 8; i += 8)
            {
                TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i), Vector256.Load(z + i)).Store(destination + i);
            }
        }

        if (level >= SimdLevel.Vector128)
        {
            for (; i <= n - 4; i += 4)
            {
                TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i), Vector128.Load(z + i)).Store(destination + i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = TOp.Invoke(x[i], y[i], z[i]);
        }
    }

    /// <summary>
    /// <c>TReduce</c> over <c>TMap(x[i], y)</c>. Each width runs only when a whole vector is left, so a row folds into
    /// the same partial results in the same order at a given level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float MapReduce<TMap, TReduce>(float* x, float y, int n, SimdLevel level)
        where TMap : struct, IBinaryOperator
        where TReduce : struct, IReductionOperator =>
        Reduce<TMap, TReduce, DiscardMapped>(x, y, null, n, level);

    /// <summary>
    /// <see cref="MapReduce{TMap, TReduce}"/> that also writes <c>destination[i] = TMap(x[i], y)</c> in the same pass
    /// (softmax's shifted exponentials and their sum); <paramref name="destination"/> may alias <paramref name="x"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float MapStoreReduce<TMap, TReduce>(float* x, float y, float* destination, int n, SimdLevel level)
        where TMap : struct, IBinaryOperator
        where TReduce : struct, IReductionOperator =>
        Reduce<TMap, TReduce, StoreMapped>(x, y, destination, n, level);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Reduce<TMap, TReduce, TSink>(float* x, float y, float* destination, int n, SimdLevel level)
        where TMap : struct, IBinaryOperator
        where TReduce : struct, IReductionOperator
        where TSink : struct, IMappedSink
    {
        int i = 0;
        float result = TReduce.Identity;
        if (level == SimdLevel.Vector512 && n >= 16)
        {
            Vector512<float> y512 = Vector512.Create(y), acc = Vector512.Create(TReduce.Identity);
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> mapped = TMap.Invoke(Vector512.Load(x + i), y512);
                TSink.Put(mapped, destination + i);
                acc = TReduce.Invoke(acc, mapped);
            }

            result = TReduce.Invoke(result, TReduce.Across(acc));
        }

        if (level >= SimdLevel.Vector256 && n - i >= 8)
        {
            Vector256<float> y256 = Vector256.Create(y), acc = Vector256.Create(TReduce.Identity);
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> mapped = TMap.Invoke(Vector256.Load(x + i), y256);
                TSink.Put(mapped, destination + i);
                acc = TReduce.Invoke(acc, mapped);
            }

            result = TReduce.Invoke(result, TReduce.Across(acc));
        }

        if (level >= SimdLevel.Vector128 && n - i >= 4)
        {
            Vector128<float> y128 = Vector128.Create(y), acc = Vector128.Create(TReduce.Identity);
            for (; i <= n - 4; i += 4)
            {
                Vector128<float> mapped = TMap.Invoke(Vector128.Load(x + i), y128);
                TSink.Put(mapped, destination + i);
                acc = TReduce.Invoke(acc, mapped);
            }

            result = TReduce.Invoke(result, TReduce.Across(acc));
        }

        for (; i < n; i++)
        {
            float mapped = TMap.Invoke(x[i], y);
            TSink.Put(mapped, destination + i);
            result = TReduce.Invoke(result, mapped);
        }

        return result;
    }

    /// <summary>Where a reduction's mapped values go: nowhere, or a destination row.</summary>
    private interface IMappedSink
    {
        static abstract void Put(float value, float* destination);

        static abstract void Put(Vector128<float> value, float* destination);

        static abstract void Put(Vector256<float> value, float* destination);

        static abstract void Put(Vector512<float> value, float* destination);
    }

    private readonly struct DiscardMapped : IMappedSink
    {
        public static void Put(float value, float* destination)
        {
        }

        public static void Put(Vector128<float> value, float* destination)
        {
        }

        public static void Put(Vector256<float> value, float* destination)
        {
        }

        public static void Put(Vector512<float> value, float* destination)
        {
        }
    }

    private readonly struct StoreMapped : IMappedSink
    {
        public static void Put(float value, float* destination) => *destination = value;

        public static void Put(Vector128<float> value, float* destination) => value.Store(destination);

        public static void Put(Vector256<float> value, float* destination) => value.Store(destination);

        public static void Put(Vector512<float> value, float* destination) => value.Store(destination);
    }
}
