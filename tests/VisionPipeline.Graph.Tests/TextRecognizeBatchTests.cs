using VisionPipeline.Core.Tensors;
using VisionPipeline.Decoders.Text;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Values;
using VisionPipeline.Inference.Engines;

namespace VisionPipeline.Graph.Tests;

/// <summary>
/// The recogniser's batches fix each line's tensor width; on the CPU the lines of a batch run one at a time at that
/// width, and must read exactly as they do inside the batch (PP-OCRv4's texts change with the padding a line gets).
/// </summary>
public class TextRecognizeBatchTests
{
    private const string Lines =
        "  - id: boxes\n    kind: model\n    input: image\n    model: ppocr-det\n" +
        "  - id: lines\n    kind: op.crop\n    inputs: { image: image, detections: boxes }\n    rectify: true\n    border: replicate\n";

    private sealed class ShapeRecorder(IInferenceEngine inner) : WrappingEngine(inner)
    {
        public List<int[]> Shapes { get; } = [];

        public override EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
        {
            Shapes.Add(inputs[0].Shape.ToArray());
            return Inner.Run(inputs);
        }
    }

    [Fact]
    public void On_the_CPU_each_line_runs_alone_at_its_batchs_width_and_reads_exactly_as_in_the_batch()
    {
        using var harness = new GraphHarness(Lines);
        using var frame = GraphHarness.Load("imageTextN.png");
        using var context = harness.Run(frame);
        var crops = context.Get<CropsValue>("lines").Items.Select(c => c.Image).ToList();
        Assert.Equal(13, crops.Count);

        using var catalog = new ModelCatalog(GraphHarness.Store, new EngineOptions { IntraOpThreads = 2 });
        var session = catalog.Open("ppocr-rec");
        var ctc = CtcGreedyDecoder.FromDictionary(GraphHarness.Store.Resolve("ppocr-keys"), session.OutputClassCount());
        var recorder = new ShapeRecorder(session.Engine);
        session.Runner = recorder;

        var batched = new TextRecognizeHead(session, ctc, 0.5f, 6) { OneLinePerRun = false }.Recognize(crops);
        var batchShapes = recorder.Shapes.ToList();
        recorder.Shapes.Clear();
        var oneByOne = new TextRecognizeHead(session, ctc, 0.5f, 6);
        Assert.True(oneByOne.OneLinePerRun, "a CPU session runs one line at a time");
        var single = oneByOne.Recognize(crops);

        // Batches of 6, 6 and 1 sorted by aspect ratio; each line then ran alone at its batch's width.
        Assert.Equal([6, 6, 1], batchShapes.Select(s => s[0]));
        var expected = batchShapes.SelectMany(s => Enumerable.Repeat(new[] { 1, s[1], s[2], s[3] }, s[0])).ToList();
        Assert.Equal(expected, recorder.Shapes);
        // Same tensor per line, so the same text and the same confidence, to the last bit.
        Assert.Equal(batched, single);
    }
}
