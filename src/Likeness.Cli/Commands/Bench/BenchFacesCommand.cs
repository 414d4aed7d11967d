using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Likeness.Cli.Commands.Faces;
using Likeness.Cli.Commands.Images;
using Likeness.Cli.Hosting;
using Likeness.Imaging;
using Likeness.Inference.Faces;

namespace Likeness.Cli.Commands.Bench;

/// <summary>
/// <c>likeness bench faces FILES [--threads N] [--iterations N] [--json]</c>: per-stage medians of the face pipeline
/// (detect per image, every detector pass; landmarks and descriptor per face; the same stages one face at a time per
/// image; the whole pipeline per image, its faces batched through each net) after one warm-up pass, and
/// the GFLOP/s they reach (2 FLOPs per multiply-add of the nets' convolutions and dense layers).
/// </summary>
internal static class BenchFacesCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILES") { Description = "Images to analyse.", Arity = ArgumentArity.OneOrMore };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every core).", DefaultValueFactory = _ => 0 };
        var runs = new Option<int>("--iterations") { Description = "Timed passes over the files.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print one line of JSON." };
        var shared = new FaceCliOptions();
        var command = new Command("faces", "Time detection, landmarks, descriptors and the whole face pipeline.") { files, threads, runs, json };
        shared.AddTo(command, withAlignment: true);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            int threadCount = parse.GetValue(threads);
            int runCount = parse.GetValue(runs);
            if (threadCount < 0 || runCount < 1)
            {
                throw new CliUsageException("--threads must be ≥ 0 and --iterations ≥ 1.");
            }

            FaceAnalyzer analyzer = shared.CreateAnalyzer(parse, threadCount);
            List<Image> images = [.. parse.GetValue(files)!.Select(AnalysisImage.Load)];
            try
            {
                FaceBenchResult result = Measure(analyzer, images, runCount, cancellationToken);
                TextWriter output = parse.InvocationConfiguration.Output;
                await output.WriteLineAsync(parse.GetValue(json) ? CliJson.Serialize(result) : result.ToText()).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            finally
            {
                images.ForEach(i => i.Dispose());
            }
        });
        return command;
    }

    private static FaceBenchResult Measure(FaceAnalyzer analyzer, List<Image> images, int runs, CancellationToken cancellationToken)
    {
        var detect = new List<double>();
        var landmarks = new List<double>();
        var descriptors = new List<double>();
        var oneByOne = new List<double>();
        var pipeline = new List<double>();
        int faces = 0;
        for (int run = -1; run < runs; run++)
        {
            bool timed = run >= 0;
            foreach (Image image in images)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long t0 = Stopwatch.GetTimestamp();
                IReadOnlyList<FaceDetection> detections = analyzer.Detect(image);
                double staged = AddIfTimed(detect, t0);
                foreach (FaceDetection detection in detections)
                {
                    long t1 = Stopwatch.GetTimestamp();
                    FaceLandmarks? points = analyzer.DetectLandmarks(image, detection);
                    staged += AddIfTimed(landmarks, t1);
                    if (points is not null)
                    {
                        long t2 = Stopwatch.GetTimestamp();
                        analyzer.ComputeDescriptor(image, points);
                        staged += AddIfTimed(descriptors, t2);
                    }
                }

                if (timed)
                {
                    oneByOne.Add(staged);
                }

                long t3 = Stopwatch.GetTimestamp();
                faces += timed ? analyzer.Analyze(image).Count : 0;
                AddIfTimed(pipeline, t3);
            }

            double AddIfTimed(List<double> samples, long start)
            {
                double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (timed)
                {
                    samples.Add(milliseconds);
                }

                return milliseconds;
            }
        }

        FaceModels models = analyzer.Models;
        double detectorFlops = 2.0 * analyzer.Options.DetectorPasses().Sum(p => (double)models.Detector.MultiplyAdds(p.InputSize));
        double landmarkFlops = 2.0 * models.Landmarks.MultiplyAdds();
        double descriptorFlops = 2.0 * models.Recognition.MultiplyAdds();
        double facesPerImage = (double)faces / (runs * images.Count);
        double pipelineFlops = detectorFlops + (facesPerImage * (landmarkFlops + descriptorFlops));
        double detectMs = Samples.Median(detect), landmarksMs = Samples.Median(landmarks), descriptorMs = Samples.Median(descriptors);
        return new FaceBenchResult(
            analyzer.Options.DegreeOfParallelism == 0 ? Environment.ProcessorCount : analyzer.Options.DegreeOfParallelism,
            images.Count,
            faces / runs,
            runs,
            detectMs,
            landmarksMs,
            descriptorMs,
            Samples.Median(oneByOne),
            Samples.Median(pipeline),
            Gflops(detectorFlops, detectMs),
            Gflops(landmarkFlops, landmarksMs),
            Gflops(descriptorFlops, descriptorMs),
            Gflops(pipelineFlops * runs * images.Count, pipeline.Sum()));
    }

    private static double Gflops(double flops, double milliseconds) => milliseconds > 0 ? flops / (milliseconds * 1e6) : 0;
}

/// <summary>
/// The <c>bench faces</c> result: medians in milliseconds (detect, one by one and pipeline per image, landmarks and
/// descriptor per face). One by one is detect plus each face's landmark and descriptor passes in turn, each split over
/// the threads layer by layer; the pipeline (<see cref="FaceAnalyzer.Analyze(Image)"/>) batches the faces through each net.
/// </summary>
internal sealed record FaceBenchResult(
    int Threads,
    int Images,
    int Faces,
    int Runs,
    double DetectMsMedian,
    double LandmarksMsMedian,
    double DescriptorMsMedian,
    double OneByOneMsMedian,
    double PipelineMsMedian,
    double DetectGflops,
    double LandmarksGflops,
    double DescriptorGflops,
    double PipelineGflops)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        {Images} images, {Faces} faces, {Runs} runs, {Threads} thread(s)
        detect      {DetectMsMedian,8:F2} ms/image  {DetectGflops,6:F1} GFLOP/s
        landmarks   {LandmarksMsMedian,8:F2} ms/face   {LandmarksGflops,6:F1} GFLOP/s
        descriptor  {DescriptorMsMedian,8:F2} ms/face   {DescriptorGflops,6:F1} GFLOP/s
        one by one  {OneByOneMsMedian,8:F2} ms/image  (detect, then each face's stages alone)
        pipeline    {PipelineMsMedian,8:F2} ms/image  {PipelineGflops,6:F1} GFLOP/s
        """);
}
