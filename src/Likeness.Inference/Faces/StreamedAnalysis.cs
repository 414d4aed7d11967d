using Likeness.Imaging;
using Likeness.Imaging.Resampling;
using Likeness.Imaging.Rows;
using Likeness.Inference.Tensors;

namespace Likeness.Inference.Faces;

/// <summary>
/// <see cref="FaceAnalyzer.Analyze(Image)"/> over an image read by rows, in passes over the file, never holding its
/// pixels:
/// <list type="number">
/// <item>one pass resizes the rows into every detector pass's input at once (<see cref="TfBilinearRows"/>: the values
/// <see cref="FaceNetInput"/> makes from the whole image), and the detector runs on each;</item>
/// <item>a pass copies out each detection's box clipped to the image, and the landmark net runs on those crops, in the
/// image's coordinates (<see cref="PixelWindow"/>);</item>
/// <item>where a face's descriptor cut reaches past its box (the affine square is larger than the box), one more pass
/// copies those regions, and the descriptor net runs.</item>
/// </list>
/// Every net sees the values it sees on the decoded image. The faces go to threads one per task
/// (<see cref="FaceAnalyzer.ForEachFace"/>) where the decoded path batches them through each net; the two give the
/// same bits (FaceBatchTests), so the faces are the same to the bit. What it holds: the detector inputs
/// (RGB floats; for the default passes 416², 224², 320², 608² and 416², 10.3 MB) and the face regions.
/// </summary>
internal sealed class StreamedAnalysis(FaceAnalyzer analyzer, ImageRows rows)
{
    public AnalyzedFace[] Run()
    {
        int width = rows.Width, height = rows.Height;
        List<FaceDetection> detections = Detect();
        int count = detections.Count;
        if (count == 0)
        {
            return [];
        }

        var boxes = new PixelRect[count];
        for (int i = 0; i < count; i++)
        {
            boxes[i] = FaceAnalyzer.LandmarkRegion(detections[i], width, height);
        }

        Image?[] boxPixels = CopyRegions(boxes);
        Image?[] reachPixels = [];
        try
        {
            var landmarks = new FaceLandmarks?[count];
            analyzer.ForEachFace(count, (i, degree) => landmarks[i] = boxPixels[i] is { } pixels
                ? analyzer.DetectLandmarks(Window(pixels, boxes[i]), detections[i], degree)
                : null); // an empty box: the landmark net is not run

            // The descriptor's cut reads from the box's crop where it lies inside it, else from its own region.
            var reach = new PixelRect[count];
            for (int i = 0; i < count; i++)
            {
                if (landmarks[i] is { } points && boxPixels[i] is { } pixels)
                {
                    PixelRect region = analyzer.DescriptorRegion(points, width, height);
                    reach[i] = Window(pixels, boxes[i]).Covers(region) ? default : region;
                }
            }

            reachPixels = CopyRegions(reach);
            var faces = new AnalyzedFace?[count];
            analyzer.ForEachFace(count, (i, degree) =>
            {
                if (landmarks[i] is not { } points)
                {
                    return;
                }

                PixelWindow window = reachPixels[i] is { } own ? Window(own, reach[i]) : Window(boxPixels[i]!, boxes[i]);
                float[]? descriptor = analyzer.ComputeDescriptor(window, points, degree);
                faces[i] = descriptor is null ? null : new AnalyzedFace(detections[i].Score, detections[i].Box, points.Points, descriptor);
            });

            return [.. faces.OfType<AnalyzedFace>()];
        }
        finally
        {
            Dispose(boxPixels);
            Dispose(reachPixels);
        }
    }

    /// <summary>Stage 1: every detector pass's input from one pass over the rows, then the detector on each, merged as <see cref="FaceAnalyzer.Detect(Image)"/> merges.</summary>
    private List<FaceDetection> Detect()
    {
        IReadOnlyList<DetectorPass> passes = analyzer.Options.DetectorPasses();
        int width = rows.Width, height = rows.Height, side = Math.Max(width, height);
        var inputs = new Tensor[passes.Count];
        try
        {
            var sinks = new TfBilinearRows[passes.Count];
            for (int k = 0; k < passes.Count; k++)
            {
                DetectorPass pass = passes[k];
                pass.Validate();
                int size = pass.InputSize;
                if (pass.Fill < 1)
                {
                    // The whole image shrunk into the top-left corner of zero padding (FaceNetInput.CreateShrunk).
                    (int shrunkWidth, int shrunkHeight) = FaceNetInput.ShrunkSize(width, height, size, pass.Fill);
                    inputs[k] = Tensor.Zeros(size, size, 3);
                    sinks[k] = new TfBilinearRows(width, height, rows.Format, width, height, shrunkWidth, shrunkHeight, inputs[k].Memory, size * 3);
                }
                else
                {
                    // The image padded below and to the right to a square, resized (FaceNetInput.FromImage).
                    inputs[k] = Tensor.Rent(size, size, 3);
                    sinks[k] = new TfBilinearRows(width, height, rows.Format, side, side, size, size, inputs[k].Memory, size * 3);
                }
            }

            rows.Stream(sinks);
            var found = new List<FaceDetection>[passes.Count];
            for (int k = 0; k < passes.Count; k++)
            {
                sinks[k].Complete();
                FaceNetInput.Normalize(inputs[k].Span, TinyFaceDetectorNet.MeanRgb);
                found[k] = analyzer.RunDetector(inputs[k], passes[k], width, height);
                inputs[k].Dispose();
                inputs[k] = default;
            }

            return passes.Count == 1 ? found[0] : TinyYoloDecoder.MergePasses(found);
        }
        finally
        {
            foreach (Tensor input in inputs)
            {
                input.Dispose();
            }
        }
    }

    /// <summary>Copies each non-empty region out of one pass over the rows; null for an empty one.</summary>
    private Image?[] CopyRegions(PixelRect[] regions)
    {
        var copies = new Image?[regions.Length];
        bool any = false;
        try
        {
            for (int i = 0; i < regions.Length; i++)
            {
                if (regions[i] is { Width: > 0, Height: > 0 } r)
                {
                    copies[i] = Image.Create(r.Width, r.Height, rows.Format);
                    any = true;
                }
            }

            if (any)
            {
                rows.Stream(new RegionCopy(regions, copies));
            }

            return copies;
        }
        catch
        {
            Dispose(copies);
            throw;
        }
    }

    private PixelWindow Window(Image pixels, PixelRect region) => new(pixels, region.X, region.Y, rows.Width, rows.Height);

    private static void Dispose(Image?[] images)
    {
        foreach (Image? image in images)
        {
            image?.Dispose();
        }
    }

    /// <summary>Copies the part of each row that falls in each region.</summary>
    private sealed class RegionCopy(PixelRect[] regions, Image?[] copies) : IImageRowSink
    {
        public void Accept(int y, ReadOnlySpan<byte> row)
        {
            for (int i = 0; i < regions.Length; i++)
            {
                PixelRect r = regions[i];
                if (copies[i] is { } copy && y >= r.Y && y < r.Y + r.Height)
                {
                    row.Slice(r.X * copy.BytesPerPixel, r.Width * copy.BytesPerPixel).CopyTo(copy.GetRow(y - r.Y));
                }
            }
        }
    }
}
