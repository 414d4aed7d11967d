using System.CommandLine;
using Likeness.Inference.Faces;

namespace Likeness.Cli.Commands.Faces;

/// <summary>The options every face command shares (models folder, detector settings) and how they become an analyzer.</summary>
internal sealed class FaceCliOptions
{
    public Option<DirectoryInfo?> Models { get; } = new("--models")
    {
        Description = $"Folder with the face-api model files (default: the bundled copy, or ${FaceModels.DirectoryVariable}).",
    };

    public Option<int> InputSize { get; } = new("--input-size")
    {
        Description = "Detector input size, a multiple of 32.",
        DefaultValueFactory = _ => 416,
    };

    public Option<string?> ExtraSizes { get; } = new("--extra-sizes")
    {
        Description = "Further detector input sizes after --input-size, comma-separated multiples of 32, or 'none' (default: 224,320,608 with affine alignment, none with faceapi).",
    };

    public Option<double?> Downscale { get; } = new("--downscale")
    {
        Description = "Fill of the downscaled pass for frame-filling faces, in (0, 1), or 0 for none (default: 0.5 with affine alignment, none with faceapi).",
    };

    public Option<double> ScoreThreshold { get; } = new("--score-threshold")
    {
        Description = "Minimum detection score, in (0, 1).",
        DefaultValueFactory = _ => 0.5,
    };

    public Option<FaceAlignment> Alignment { get; } = new("--alignment")
    {
        Description = "Descriptor crop: affine (rotation-corrected chip, default) or faceapi (face-api's square crop, for parity).",
        DefaultValueFactory = _ => FaceAlignment.Affine,
        CustomParser = result =>
        {
            switch (result.Tokens[0].Value.ToLowerInvariant())
            {
                case "affine":
                    return FaceAlignment.Affine;
                case "faceapi":
                    return FaceAlignment.FaceApi;
                default:
                    result.AddError($"--alignment must be affine or faceapi, not '{result.Tokens[0].Value}'.");
                    return FaceAlignment.Affine;
            }
        },
    };

    public void AddTo(Command command, bool withAlignment)
    {
        command.Options.Add(Models);
        command.Options.Add(InputSize);
        command.Options.Add(ExtraSizes);
        command.Options.Add(Downscale);
        command.Options.Add(ScoreThreshold);
        if (withAlignment)
        {
            command.Options.Add(Alignment);
        }
    }

    /// <summary>Loads the models (refusing damaged ones as bad input) and builds the analyzer.</summary>
    public FaceAnalyzer CreateAnalyzer(ParseResult parse, int degreeOfParallelism = 0)
    {
        var options = new FaceAnalyzerOptions
        {
            InputSize = parse.GetValue(InputSize),
            ExtraInputSizes = ParseSizes(parse.GetValue(ExtraSizes)),
            DownscaledFill = parse.GetValue(Downscale),
            ScoreThreshold = parse.GetValue(ScoreThreshold),
            Alignment = parse.GetValue(Alignment),
            DegreeOfParallelism = degreeOfParallelism,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new CliUsageException(ex.Message.Split(Environment.NewLine)[0]);
        }

        DirectoryInfo? folder = parse.GetValue(Models);
        try
        {
            FaceModels models = folder is null ? FaceModels.Default : FaceModels.Load(folder.FullName);
            return new FaceAnalyzer(models, options);
        }
        catch (InvalidDataException ex)
        {
            throw new CliUsageException($"face models: {ex.Message}");
        }
    }

    /// <summary>"224,320" → the sizes, "none" → none, not given → null (the alignment mode's default).</summary>
    private static int[]? ParseSizes(string? text)
    {
        if (text is null || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return text is null ? null : [];
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sizes[i]))
            {
                throw new CliUsageException($"--extra-sizes must be comma-separated sizes or 'none', not '{text}'.");
            }
        }

        return sizes;
    }
}
