using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Models;
using VisionPipeline.Heads.Text;

namespace VisionPipeline.Graph.Nodes;

public sealed record TextReaderOptions
{
    /// <summary>The detector's input is scaled so its longer side is at most this (PaddleOCR limit_side_len).</summary>
    public int MaxSide { get; init; } = 960;

    /// <summary>Recognised lines below this confidence are dropped (PaddleOCR drop_score).</summary>
    public float MinTextScore { get; init; } = 0.5f;

    /// <summary>Crops per recogniser batch (PaddleOCR rec_batch_num).</summary>
    public int BatchSize { get; init; } = 6;

    public DbOptions Db { get; init; } = new();
}

/// <summary>
/// The PaddleOCR cascade: DB text detection → rectified crops → optional direction classifier →
/// CTC recognition. Each line becomes a detection with its quadrilateral and text.
/// </summary>
public sealed class TextReaderNode : IFrameNode
{
    private const int LineHeight = 48;
    private const int ClassifierWidth = 192;
    private const int MinRecognizerWidth = 320;

    private readonly ModelSession _detector;
    private readonly ModelSession? _direction;
    private readonly ModelSession _recognizer;
    private readonly CtcGreedyDecoder _ctc;
    private readonly DbTextPostProcessor _db;
    private readonly TextReaderOptions _options;

    public TextReaderNode(string id, ModelSession detector, ModelSession recognizer, string dictionaryPath,
        ModelSession? direction = null, TextReaderOptions? options = null)
    {
        Id = id;
        _detector = detector;
        _recognizer = recognizer;
        _direction = direction;
        _options = options ?? new TextReaderOptions();
        _db = new DbTextPostProcessor(_options.Db);
        long classes = recognizer.Entry.Outputs.FirstOrDefault()?.Shape.LastOrDefault() ?? -1;
        if (classes <= 0)
            throw new ConfigurationException(recognizer.Entry.Id, "the recogniser's class count is not declared in the manifest");
        _ctc = CtcGreedyDecoder.FromDictionary(dictionaryPath, (int)classes);
    }

    public string Id { get; }

    public void Process(Frame frame, FrameTargets targets)
    {
        var quads = Detect(frame.Image);
        if (quads.Count == 0) return;
        var crops = quads.Select(q => Rectify(frame.Image, q.Corners)).ToList();
        try
        {
            var texts = Recognize(crops);
            for (int i = 0; i < quads.Count; i++)
            {
                var (text, confidence) = texts[i];
                if (confidence < _options.MinTextScore) continue;
                targets.Add(new Detection(Id, "text", quads[i].Score, quads[i].BoundingBox)
                {
                    Polygon = quads[i].Corners,
                    Text = text,
                    TextScore = confidence,
                });
            }
        }
        finally
        {
            foreach (var c in crops) c.Dispose();
        }
    }

    /// <summary>Text quadrilaterals in image pixels, in reading order.</summary>
    public List<TextQuad> Detect(Mat image)
    {
        var (width, height) = DetectorInputSize(image.Width, image.Height, _options.MaxSide);
        var (prepared, tensor) = ModelInput.Prepare(image, _detector.InputSpec, width, height);
        using (prepared)
        using (tensor)
        using (var outputs = _detector.Run(tensor))
        {
            var map = outputs[0];
            if (map.Length != width * height)
                throw new VisionException(_detector.Engine.ModelPath, $"expected a {width}×{height} text map, got {map.ShapeText}");
            return _db.Process(map.Data, width, height, prepared.ToOriginal, image.Width, image.Height);
        }
    }

    /// <summary>
    /// PaddleOCR DetResizeForTest (limit_type max): scale so the longer side is at most <paramref name="maxSide"/>,
    /// then round each side to the nearest multiple of 32 (at least 32).
    /// </summary>
    public static (int Width, int Height) DetectorInputSize(int width, int height, int maxSide)
    {
        double ratio = Math.Max(width, height) > maxSide ? (double)maxSide / Math.Max(width, height) : 1.0;
        static int Round32(double side) => Math.Max((int)Math.Round((int)side / 32.0, MidpointRounding.ToEven) * 32, 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }

    /// <summary>Perspective-warps a quadrilateral onto an upright crop; tall crops are turned 90° counter-clockwise.</summary>
    public static Mat Rectify(Mat image, Point2f[] corners)
    {
        static double Length(Point2f a, Point2f b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        int w = Math.Max(1, (int)Math.Max(Length(corners[0], corners[1]), Length(corners[2], corners[3])));
        int h = Math.Max(1, (int)Math.Max(Length(corners[0], corners[3]), Length(corners[1], corners[2])));
        var target = new[] { new Point2f(0, 0), new Point2f(w, 0), new Point2f(w, h), new Point2f(0, h) };
        using var transform = Cv2.GetPerspectiveTransform(corners, target);
        var crop = new Mat();
        Cv2.WarpPerspective(image, crop, transform, new Size(w, h), InterpolationFlags.Cubic, BorderTypes.Replicate);
        if ((double)crop.Height / crop.Width >= 1.5)
            Cv2.Rotate(crop, crop, RotateFlags.Rotate90Counterclockwise);
        return crop;
    }

    private (string Text, float Confidence)[] Recognize(List<Mat> crops)
    {
        var results = RecognizeBatches(crops);
        if (_direction is null) return results;

        // The direction classifier is unreliable on long lines (MODEL-ZOO §5.2): a line it calls upside down is
        // read both ways and the reading with the higher recognition confidence is kept.
        var flipped = FlaggedUpsideDown(crops);
        if (flipped.Count == 0) return results;
        var rotated = flipped.Select(i => { var m = new Mat(); Cv2.Rotate(crops[i], m, RotateFlags.Rotate180); return m; }).ToList();
        try
        {
            var second = RecognizeBatches(rotated);
            for (int k = 0; k < flipped.Count; k++)
                if (second[k].Confidence > results[flipped[k]].Confidence) results[flipped[k]] = second[k];
        }
        finally
        {
            foreach (var m in rotated) m.Dispose();
        }
        return results;
    }

    private List<int> FlaggedUpsideDown(List<Mat> crops)
    {
        var flagged = new List<int>();
        var spec = _direction!.InputSpec;
        for (int start = 0; start < crops.Count; start += _options.BatchSize)
        {
            var batch = crops.Skip(start).Take(_options.BatchSize).ToList();
            using var tensor = TextLineTensor.Pack(batch, spec, LineHeight, ClassifierWidth);
            using var outputs = _direction.Run(tensor);
            var probabilities = outputs[0].Data;
            for (int i = 0; i < batch.Count; i++)
                if (TextDirectionHead.IsUpsideDown(probabilities.Slice(i * 2, 2)))
                    flagged.Add(start + i);
        }
        return flagged;
    }

    private (string Text, float Confidence)[] RecognizeBatches(List<Mat> crops)
    {
        var results = new (string, float)[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        var spec = _recognizer.InputSpec;
        for (int start = 0; start < order.Length; start += _options.BatchSize)
        {
            var indexes = order.Skip(start).Take(_options.BatchSize).ToArray();
            var batch = indexes.Select(i => crops[i]).ToList();
            double maxRatio = Math.Max((double)MinRecognizerWidth / LineHeight, batch.Max(c => (double)c.Width / c.Height));
            int width = (int)(LineHeight * maxRatio);
            using var tensor = TextLineTensor.Pack(batch, spec, LineHeight, width);
            using var outputs = _recognizer.Run(tensor);
            var output = outputs[0];
            if (output.Shape.Length != 3 || output.Shape[0] != batch.Count || output.Shape[2] != _ctc.ClassCount)
                throw new VisionException(_recognizer.Engine.ModelPath,
                    $"expected a [{batch.Count},T,{_ctc.ClassCount}] output, got {output.ShapeText}");
            int steps = output.Shape[1];
            int perItem = steps * _ctc.ClassCount;
            for (int k = 0; k < indexes.Length; k++)
                results[indexes[k]] = _ctc.Decode(output.Data.Slice(k * perItem, perItem), steps);
        }
        return results;
    }
}
