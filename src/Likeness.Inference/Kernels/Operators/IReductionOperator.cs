using System.Runtime.Intrinsics;

namespace Likeness.Inference.Kernels.Operators;

/// <summary>
/// An associative combination (sum, max) that <see cref="ElementwiseLoop.MapReduce{TMap, TReduce}"/> folds a row
/// into: lane-wise while vectors last, then across one vector's lanes, then value by value.
/// </summary>
internal interface IReductionOperator : IBinaryOperator
{
    /// <summary>The value that leaves any other unchanged.</summary>
    static abstract float Identity { get; }

    static abstract float Across(Vector128<float> x);

    static abstract float Across(Vector256<float> x);

    static abstract float Across(Vector512<float> x);
}
