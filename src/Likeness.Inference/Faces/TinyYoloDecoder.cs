namespace Likeness.Inference.Faces;

/// <summary>
/// Turns the TinyFaceDetector grid into face boxes as face-api does (<c>TinyYolov2Base.extractBoxes</c> then
/// <c>nonMaxSuppression</c>): per cell and anchor, sigmoid objectness above the threshold, box centre
/// <c>(col + σ(tx)) / cells</c>, size <c>exp(tw)·anchor / cells</c>, both stretched by the padding correction
/// (the image sits top-left in the padded square); greedy IoU 0.4 suppression taking the highest score first
/// (ties: the later cell first, like popping a stably sorted JS array). Arithmetic in double, as in JS.
/// </summary>
internal static class TinyYoloDecoder
{
    public const double IouThreshold = 0.4;

    private static readonly (double W, double H)[] Anchors =
    [
        (1.603231, 2.094468), (6.041143, 7.080126), (2.882459, 3.518061), (4.266906, 5.178857), (9.041765, 10.66308),
    ];

    public static List<FaceDetection> Decode(ReadOnlySpan<float> grid, int cells, int inputSize, double imageWidth, double imageHeight, double scoreThreshold)
    {
        double scale = (double)inputSize / Math.Max(imageWidth, imageHeight);
        double reshapedWidth = Math.Round(imageWidth * scale, MidpointRounding.AwayFromZero);
        double reshapedHeight = Math.Round(imageHeight * scale, MidpointRounding.AwayFromZero);
        double blob = Math.Max(reshapedWidth, reshapedHeight);
        double correctionX = blob / reshapedWidth;
        double correctionY = blob / reshapedHeight;

        var candidates = new List<(double Score, double X, double Y, double Right, double Bottom)>();
        for (int row = 0; row < cells; row++)
        {
            for (int col = 0; col < cells; col++)
            {
                for (int a = 0; a < Anchors.Length; a++)
                {
                    ReadOnlySpan<float> v = grid.Slice((((row * cells) + col) * 25) + (a * 5), 5);
                    double score = Sigmoid(v[4]);
                    if (score <= scoreThreshold)
                    {
                        continue;
                    }

                    double cx = (col + Sigmoid(v[0])) / cells * correctionX;
                    double cy = (row + Sigmoid(v[1])) / cells * correctionY;
                    double w = Math.Exp(v[2]) * Anchors[a].W / cells * correctionX;
                    double h = Math.Exp(v[3]) * Anchors[a].H / cells * correctionY;
                    double x = cx - (w / 2), y = cy - (h / 2);
                    candidates.Add((score, x, y, x + w, y + h));
                }
            }
        }

        var result = new List<FaceDetection>();
        foreach (int index in Suppress(candidates, inputSize))
        {
            var c = candidates[index];
            double relWidth = c.Right - c.X, relHeight = c.Bottom - c.Y;
            result.Add(new FaceDetection(c.Score, new FaceBox(c.X * imageWidth, c.Y * imageHeight, relWidth * imageWidth, relHeight * imageHeight)));
        }

        return result;
    }

    private static List<int> Suppress(List<(double Score, double X, double Y, double Right, double Bottom)> boxes, int inputSize)
    {
        // Stable ascending sort, then take from the end.
        List<int> order = [.. Enumerable.Range(0, boxes.Count).OrderBy(i => boxes[i].Score)];
        var picks = new List<int>();
        while (order.Count > 0)
        {
            int current = order[^1];
            order.RemoveAt(order.Count - 1);
            picks.Add(current);
            order.RemoveAll(i => Iou(boxes[current], boxes[i], inputSize) > IouThreshold);
        }

        return picks;
    }

    private static double Iou(
        (double Score, double X, double Y, double Right, double Bottom) a,
        (double Score, double X, double Y, double Right, double Bottom) b,
        int scale)
    {
        double ax = a.X * scale, ay = a.Y * scale, aw = (a.Right - a.X) * scale, ah = (a.Bottom - a.Y) * scale;
        double bx = b.X * scale, by = b.Y * scale, bw = (b.Right - b.X) * scale, bh = (b.Bottom - b.Y) * scale;
        double width = Math.Max(0.0, Math.Min(ax + aw, bx + bw) - Math.Max(ax, bx));
        double height = Math.Max(0.0, Math.Min(ay + ah, by + bh) - Math.Max(ay, by));
        double intersection = width * height;
        return intersection / ((aw * ah) + (bw * bh) - intersection);
    }

    /// <summary>Merges the passes' detections in pass order: one that overlaps a kept face by IoU above 0.4 is dropped.</summary>
    public static List<FaceDetection> MergePasses(IEnumerable<IReadOnlyList<FaceDetection>> passes)
    {
        var kept = new List<FaceDetection>();
        foreach (FaceDetection candidate in passes.SelectMany(p => p))
        {
            if (!kept.Exists(k => Iou(Corners(k.Box), Corners(candidate.Box), 1) > IouThreshold))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static (double Score, double X, double Y, double Right, double Bottom) Corners(FaceBox box) => (0, box.X, box.Y, box.Right, box.Bottom);

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
