using OpenCvSharp;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Values;
using VisionPipeline.Imaging.Preprocessing;

namespace VisionPipeline.Graph.Nodes.Heads;

/// <summary>
/// PaddleOCR's text-line batches: crops sorted by aspect ratio, each resized to height 48 with width
/// min(ceil(48·w/h), W), normalised, zero-padded on the right to the batch width W.
/// </summary>
internal static class TextLineBatches
{
    public const int LineHeight = 48;

    /// <summary>Runs <paramref name="run"/> on batches of crops and returns one result per crop, in crop order.</summary>
    public static T[] Map<T>(IReadOnlyList<Mat> crops, int batchSize, Func<IReadOnlyList<Mat>, IReadOnlyList<T>> run)
    {
        var results = new T[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        for (int start = 0; start < order.Length; start += batchSize)
        {
            var indexes = order.Skip(start).Take(batchSize).ToArray();
            var batch = run(indexes.Select(i => crops[i]).ToList());
            for (int k = 0; k < indexes.Length; k++) results[indexes[k]] = batch[k];
        }
        return results;
    }

    public static TensorBuffer Pack(IReadOnlyList<Mat> crops, TensorSpec spec, int width)
    {
        var tensor = new TensorBuffer(spec.Name, crops.Count, 3, LineHeight, width);
        try
        {
            tensor.Span.Clear();
            int item = 3 * LineHeight * width;
            for (int i = 0; i < crops.Count; i++)
            {
                var crop = crops[i];
                double ratio = (double)crop.Width / crop.Height;
                int resizedWidth = Math.Clamp((int)Math.Ceiling(LineHeight * ratio), 1, width);
                using var resized = new Mat();
                Cv2.Resize(crop, resized, new Size(resizedWidth, LineHeight));
                TensorPacker.PackNchw(resized, spec, tensor.Span.Slice(i * item, item), rowStride: width);
            }
            return tensor;
        }
        catch
        {
            tensor.Dispose();
            throw;
        }
    }
}

/// <summary>
/// PP-OCR direction classifier on crops: a crop called upside down (P > threshold) is turned 180°, and the
/// unturned crop is kept as its alternative so that the recogniser can keep whichever reads more confidently
/// (the classifier alone is unreliable on long lines).
/// </summary>
public sealed class TextDirectionClassifyHead(ModelSession model, float threshold, int batchSize) : IModelHead
{
    private const int Width = 192;

    public PortType? OutputFor(PortType input) => input == PortType.Crops ? PortType.Crops : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var crops = (CropsValue)input;
        var flipped = TextLineBatches.Map(crops.Items.Select(c => c.Image).ToList(), batchSize, batch =>
        {
            using var tensor = TextLineBatches.Pack(batch, model.InputSpec, Width);
            using var outputs = model.Run(tensor);
            var upsideDown = new bool[batch.Count];
            for (int i = 0; i < batch.Count; i++)
                upsideDown[i] = TextDirectionDecoder.IsUpsideDown(outputs[0].Data.Slice(i * 2, 2), threshold);
            return upsideDown;
        });

        var result = new List<Crop>(crops.Items.Count);
        for (int i = 0; i < crops.Items.Count; i++)
        {
            var c = crops.Items[i];
            if (!flipped[i])
            {
                result.Add(new Crop(c.Image.Clone(), c.ToFrame, c.Parent));
                continue;
            }
            var turned = new Mat();
            Cv2.Rotate(c.Image, turned, RotateFlags.Rotate180);
            // (x, y) in the turned crop is (w − x, h − y) in the original one.
            var back = Homography.From(new Core.Geometry.AffineMap(-1, 0, c.Image.Width, 0, -1, c.Image.Height)).Then(c.ToFrame);
            result.Add(new Crop(turned, back, c.Parent) { Alternative = new Crop(c.Image.Clone(), c.ToFrame, c.Parent) });
        }
        return new CropsValue(result);
    }
}

/// <summary>
/// CTC recognition of text-line crops. Each crop's detection comes out with its text and confidence; lines below
/// <c>min_text_score</c> are dropped (PaddleOCR's drop_score).
/// </summary>
/// <remarks>
/// The batches decide how wide each line's tensor is (the batch's widest line, at least <see cref="MinWidth"/>), and
/// that width changes what the model reads: PP-OCRv4 reads the padding too. On the CPU the lines of a batch then run
/// one at a time, each at its batch's width: the same tensor per line, so the same text and confidence, in about
/// three quarters of the time, because the engine's element-wise and layout passes over one line's activations stay
/// in cache where a batch's do not. On a GPU the batch runs as one.
/// </remarks>
public sealed class TextRecognizeHead(ModelSession model, CtcGreedyDecoder ctc, float minTextScore, int batchSize) : IModelHead
{
    private const int MinWidth = 320;

    /// <summary>Whether a batch's lines run one at a time at the batch's width (true on the CPU).</summary>
    internal bool OneLinePerRun { get; init; } = model.Engine.Device == "cpu";

    public PortType? OutputFor(PortType input) => input == PortType.Crops ? PortType.Detections : null;

    public GraphValue Run(string nodeId, GraphValue input, FrameContext context)
    {
        var crops = ((CropsValue)input).Items;
        var readings = Recognize(crops.Select(c => c.Image).ToList());
        var alternatives = crops.Select((c, i) => (c.Alternative, Index: i)).Where(a => a.Alternative is not null).ToList();
        if (alternatives.Count > 0)
        {
            var second = Recognize(alternatives.Select(a => a.Alternative!.Image).ToList());
            for (int k = 0; k < alternatives.Count; k++)
                if (second[k].Confidence > readings[alternatives[k].Index].Confidence) readings[alternatives[k].Index] = second[k];
        }

        var lines = new List<Core.Targets.Detection>();
        for (int i = 0; i < crops.Count; i++)
        {
            var (text, confidence) = readings[i];
            if (confidence < minTextScore) continue;
            var parent = crops[i].Parent ?? new Core.Targets.Detection(nodeId, "text", confidence,
                crops[i].ToFrame.Apply(new Core.Geometry.BoxF(0, 0, crops[i].Image.Width, crops[i].Image.Height)));
            lines.Add(parent with { Node = nodeId, Text = text, TextScore = confidence });
        }
        return new DetectionsValue(lines);
    }

    public (string Text, float Confidence)[] Recognize(IReadOnlyList<Mat> crops) =>
        TextLineBatches.Map(crops, batchSize, batch =>
        {
            int width = BatchWidth(batch);
            if (!OneLinePerRun || batch.Count == 1) return Read(batch, width);
            var texts = new (string, float)[batch.Count];
            for (int k = 0; k < batch.Count; k++) texts[k] = Read([batch[k]], width)[0];
            return texts;
        });

    /// <summary>The tensor width of a batch: its widest line's at height 48, at least <see cref="MinWidth"/>.</summary>
    internal static int BatchWidth(IReadOnlyList<Mat> batch)
    {
        double maxRatio = Math.Max((double)MinWidth / TextLineBatches.LineHeight, batch.Max(c => (double)c.Width / c.Height));
        return (int)(TextLineBatches.LineHeight * maxRatio);
    }

    private (string Text, float Confidence)[] Read(IReadOnlyList<Mat> lines, int width)
    {
        using var tensor = TextLineBatches.Pack(lines, model.InputSpec, width);
        using var outputs = model.Run(tensor);
        var output = outputs[0];
        if (output.Shape.Length != 3 || output.Shape[0] != lines.Count || output.Shape[2] != ctc.ClassCount)
            throw new VisionException(model.Engine.ModelPath, $"expected a [{lines.Count},T,{ctc.ClassCount}] output, got {output.ShapeText}");
        int steps = output.Shape[1], perItem = steps * ctc.ClassCount;
        var texts = new (string, float)[lines.Count];
        for (int k = 0; k < lines.Count; k++) texts[k] = ctc.Decode(output.Data.Slice(k * perItem, perItem), steps);
        return texts;
    }
}
