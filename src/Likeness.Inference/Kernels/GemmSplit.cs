namespace Likeness.Inference.Kernels;

/// <summary>A GEMM's cut into tasks (see <see cref="GemmDriver.Split"/>).</summary>
/// <param name="Threads">Threads to run it on (1 when too small to split).</param>
/// <param name="RowsPerBlock">Rows of C per row block.</param>
/// <param name="RowBlocks">Row blocks.</param>
/// <param name="PanelsPerTask">B panels per task.</param>
/// <param name="PanelGroups">Runs of panels per row block.</param>
internal readonly record struct GemmSplit(int Threads, int RowsPerBlock, int RowBlocks, int PanelsPerTask, int PanelGroups)
{
    /// <summary>Tasks in all.</summary>
    public int Tasks => RowBlocks * PanelGroups;
}
