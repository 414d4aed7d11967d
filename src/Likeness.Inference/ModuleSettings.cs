// Kernels stackalloc small tiles they fully overwrite; zeroing them on every call would cost more than the math.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
