using Likeness.Imaging;
using Likeness.Inference.Kernels;
using Likeness.Inference.Tensors;
using Likeness.Inference.Threading;

namespace Likeness.Inference.Faces;

// Stages 2 and 3 of Analyze: all the faces of an image through each net as one batch.
public sealed partial class FaceAnalyzer
{
    /// <summary>
    /// Faces per batch through the landmark and descriptor nets (a group photo runs in several): bounds the stacked
    /// activations (the descriptor's first map is 0.66 MB a face) while the photos people score, one to a few
    /// faces, run as one batch.
    /// </summary>
    internal const int MaxBatch = 8;

    /// <summary>
    /// Landmarks and descriptors for detections [start, start + count), the faces of each stage through its net as
    /// one <see cref="StackedBatch"/>: each layer is one GEMM over every face's rows, split over the threads, so a
    /// small map (the descriptor's 4×4×256 layers) still gives every thread work, its filters are read once per
    /// batch rather than once per face, and the threads meet once per layer rather than once per layer and face.
    /// The results equal <see cref="DetectLandmarks(Image, FaceDetection)"/> and
    /// <see cref="ComputeDescriptor(Image, FaceLandmarks)"/> face by face, bit for bit.
    /// </summary>
    private void AnalyzeBatch(Image image, IReadOnlyList<FaceDetection> detections, int start, int count, List<AnalyzedFace> faces)
    {
        int dop = Options.DegreeOfParallelism;
        var detectionOf = new int[count];
        var crops = new PixelRect[count];
        int found = 0;
        for (int i = start; i < start + count; i++)
        {
            PixelRect crop = LandmarkRegion(detections[i], image.Width, image.Height);
            if (crop.Width > 0 && crop.Height > 0)
            {
                (detectionOf[found], crops[found]) = (i, crop);
                found++;
            }
        }

        if (found == 0)
        {
            return;
        }

        var cuts = new InputCuts(this, image, found);
        try
        {
            cuts.CutCrops(crops, dop);
            float[] raw = new float[found * LandmarkOutputs];
            using (Tensor stack = StackedBatch.Stack(cuts.Inputs))
            {
                _models.Landmarks.ForwardBatch(stack, found, raw, dop);
            }

            cuts.DisposeInputs();
            var landmarks = new FaceLandmarks[found];
            for (int b = 0; b < found; b++)
            {
                landmarks[b] = ToLandmarks(raw.AsSpan(b * LandmarkOutputs, LandmarkOutputs), detections[detectionOf[b]], crops[b]);
            }

            cuts.CutAligned(landmarks, dop);
            int described = 0;
            for (int b = 0; b < found; b++)
            {
                // Faces whose descriptor crop is empty drop out, as in the one-face path; the rest move up in order.
                if (cuts.Inputs[b].Length > 0)
                {
                    if (described != b)
                    {
                        (cuts.Inputs[described], detectionOf[described], landmarks[described]) = (cuts.Inputs[b], detectionOf[b], landmarks[b]);
                        cuts.Inputs[b] = default;
                    }

                    described++;
                }
            }

            if (described == 0)
            {
                return;
            }

            float[] descriptors = new float[described * FaceRecognitionNet.DescriptorLength];
            using (Tensor stack = StackedBatch.Stack(cuts.Inputs.AsSpan(0, described)))
            {
                _models.Recognition.ForwardBatch(stack, described, descriptors, dop);
            }

            for (int b = 0; b < described; b++)
            {
                FaceDetection detection = detections[detectionOf[b]];
                float[] descriptor = descriptors.AsSpan(b * FaceRecognitionNet.DescriptorLength, FaceRecognitionNet.DescriptorLength).ToArray();
                faces.Add(new AnalyzedFace(detection.Score, detection.Box, landmarks[b].Points, descriptor));
            }
        }
        finally
        {
            cuts.DisposeInputs();
        }
    }

    /// <summary>
    /// Cuts the faces' net inputs one face per task, so the crops and resizes of several faces run side by side
    /// instead of on the calling thread while the others wait.
    /// </summary>
    private sealed class InputCuts(FaceAnalyzer analyzer, Image image, int count) : IParallelWork
    {
        private PixelRect[]? _crops;
        private FaceLandmarks[]? _landmarks;

        /// <summary>One input per face (empty where its crop is), owned here until <see cref="DisposeInputs"/>.</summary>
        public Tensor[] Inputs { get; } = new Tensor[count];

        /// <summary>The landmark net's inputs: each crop zero-padded to a square and resized.</summary>
        public void CutCrops(PixelRect[] crops, int degreeOfParallelism)
        {
            _crops = crops;
            _landmarks = null;
            WorkerPool.Shared.Run(this, Inputs.Length, degreeOfParallelism);
        }

        /// <summary>The descriptor net's inputs, cut by the analyzer's alignment.</summary>
        public void CutAligned(FaceLandmarks[] landmarks, int degreeOfParallelism)
        {
            _crops = null;
            _landmarks = landmarks;
            WorkerPool.Shared.Run(this, Inputs.Length, degreeOfParallelism);
        }

        public void Execute(int index) => Inputs[index] = _crops is { } crops
            ? FaceNetInput.Create(image, crops[index], FaceLandmarkNet.InputSize, center: true, FaceLandmarkNet.MeanRgb)
            : analyzer.DescriptorInput(PixelWindow.Whole(image), _landmarks![index]);

        public void DisposeInputs()
        {
            for (int i = 0; i < Inputs.Length; i++)
            {
                Inputs[i].Dispose();
                Inputs[i] = default;
            }
        }
    }
}
