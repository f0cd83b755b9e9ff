using VisionPipeline.Graph.Definition;

namespace VisionPipeline.Graph.Tests;

/// <summary>Every kind of mistake in a pipeline file is reported before any image is read, with its line, column and node.</summary>
public class ValidationTests
{
    private const string Source = "name: t\nnodes:\n  - id: image\n    kind: source.images\n";

    public static TheoryData<string, string, string, string?, string> Cases => new()
    {
        // case, YAML, expected line:column of the offending key or value ("" where YamlDotNet gives none), expected node, expected message fragment
        { "YAML syntax", "name: t\nnodes: [\n  - id: x", "3:3", null, "YAML syntax error" },
        // Found by scripts/fuzz.sh: YamlDotNet threw InvalidOperationException or ArgumentException, with no position.
        { "unterminated flow list", "nodes:\n  - id: a\n    inputs: [faces, ngs=\n\n  - id: b\n", "3:14", null, "YAML syntax error: the text stops making sense after this point" },
        { "stray key", "name: x\nnodes:\n :", "4:1", null, "YAML syntax error: While parsing a block mapping, did not find expected key" },
        { "no nodes list", "name: t\n", "1:1", null, "'nodes' must be a list" },
        { "unknown top-level key", Source + "node: []\n", "5:1", null, "unknown top-level key 'node'" },
        { "node without id", Source + "  - kind: model\n", "5:5", null, "node has no 'id'" },
        { "node without kind", Source + "  - id: a\n", "5:5", "a", "node has no 'kind'" },
        { "duplicate id", Source + "  - id: image\n    kind: source.images\n", "5:9", "image", "duplicate node id" },
        { "unknown kind", Source + "  - id: a\n    kind: stage.blurr\n    input: image\n", "6:11", "a", "unknown kind 'stage.blurr'; did you mean 'stage.blur'?" },
        { "unknown parameter", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    kernal: 5\n", "8:5", "a", "unknown parameter 'kernal' for stage.blur; did you mean 'kernel'?" },
        { "wrong type", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    kernel: big\n", "8:13", "a", "'kernel' expects an integer, got 'big'" },
        { "out of range", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    kernel: 999\n", "8:13", "a", "'kernel' must be between 1 and 255, got 999" },
        { "kind-specific rule", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    kernel: 4\n", "8:13", "a", "'kernel' must be odd" },
        { "bad choice", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    type: gausian\n", "8:11", "a", "'type' must be one of gaussian, median, box, got 'gausian'; did you mean 'gaussian'?" },
        { "missing parameter", Source + "  - id: a\n    kind: stage.letterbox\n    input: image\n    width: 10\n", "5:5", "a", "missing parameter 'height'" },
        { "missing input", Source + "  - id: a\n    kind: stage.blur\n", "5:5", "a", "missing input 'input' (image)" },
        { "unknown input node", Source + "  - id: a\n    kind: stage.blur\n    input: imge\n", "7:12", "a", "input 'imge' is not a node of this pipeline; did you mean 'image'?" },
        { "unknown port", Source + "  - id: a\n    kind: op.crop\n    inputs: { image: image, detection: image }\n", "7:40", "a", "op.crop has no input 'detection'; did you mean 'detections'?" },
        { "type mismatch", Source + "  - id: person\n    kind: model\n    input: image\n    model: selfie-general\n  - id: c\n    kind: op.crop\n    inputs: { image: image, detections: person }\n", "11:41", "c", "input 'detections' expects detections, but node 'person' gives masks" },
        { "cycle", Source + "  - id: a\n    kind: stage.blur\n    input: b\n  - id: b\n    kind: stage.blur\n    input: a\n", "7:12", "a", "the inputs form a cycle: a → b" },
        { "self input", Source + "  - id: a\n    kind: stage.blur\n    input: a\n", "7:12", "a", "a node cannot be its own input" },
        { "no source", "name: t\nnodes:\n  - id: a\n    kind: sink.jsonl\n    inputs: []\n", "1:1", null, "exactly one node of kind source.images, found 0" },
        { "unknown model", Source + "  - id: m\n    kind: model\n    input: image\n    model: blazeface-ful\n", "8:12", "m", "unknown model 'blazeface-ful'; did you mean 'blazeface-full'?" },
        { "head on wrong input", Source + "  - id: m\n    kind: model\n    input: image\n    model: ppocr-rec\n", "5:5", "m", "decoder 'ctc' cannot run on image (it takes crops)" },
        { "parameter of another decoder", Source + "  - id: m\n    kind: model\n    input: image\n    model: blazeface-full\n    min_text_score: 0.5\n", "9:5", "m", "parameter 'min_text_score' does not apply to decoder 'blazeface'" },
        { "output outside the folder", Source + "  - id: s\n    kind: sink.csv\n    inputs: []\n    path: ../escaped.csv\n", "8:11", "s", "'path' must be a relative path inside the output folder" },
        { "two sinks, one file", Source + "  - id: s\n    kind: sink.csv\n    inputs: []\n    path: results.jsonl\n  - id: j\n    kind: sink.jsonl\n    inputs: []\n", "9:5", "j", "'results.jsonl' is already written by node 's'" },
        { "unsafe node id", Source + "  - id: ../up\n    kind: stage.blur\n    input: image\n", "5:9", "../up", "a node id may use letters, digits" },
        { "input and inputs", Source + "  - id: a\n    kind: stage.blur\n    input: image\n    inputs: [image]\n", "8:5", "a", "give the node's inputs once" },
        { "missing labels file", Source + "  - id: m\n    kind: model\n    input: image\n    model: blazeface-full\n    decoder: yolo\n    labels_file: nowhere.txt\n", "10:18", "m", "labels file 'nowhere.txt' not found" },
        { "sink has no output", Source + "  - id: s\n    kind: sink.annotated\n  - id: b\n    kind: stage.blur\n    input: s\n", "9:12", "b", "input 's' is a sink and has no output" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_mistake_is_reported_with_its_line_column_node_and_what_is_expected(string what, string yaml, string position, string? node, string message)
    {
        var e = Assert.Throws<PipelineValidationException>(() =>
            PipelineBuilder.Check(PipelineFileReader.Parse("p.yaml", yaml), GraphHarness.Store));
        var error = e.Errors.FirstOrDefault(x => x.Message.Contains(message));
        Assert.True(error is not null, $"{what}: expected an error containing \"{message}\", got:\n{e.Message}");
        Assert.Equal("p.yaml", error.File);
        Assert.True(position == (error.At?.ToString() ?? ""), $"{what}: expected position '{position}', got '{error.At}' ({error})");
        Assert.Equal(node, error.Node);
        Assert.StartsWith(position == "" ? "p.yaml: " : $"p.yaml:{position}: ", error.ToString());
        Assert.IsAssignableFrom<Core.Errors.ConfigurationException>(e); // the CLI's exit code 2
    }

    [Fact]
    public void Several_mistakes_are_all_reported_at_once()
    {
        var yaml = Source + "  - id: a\n    kind: stage.blur\n    input: image\n    kernel: 4\n    sigma: -1\n  - id: b\n    kind: stage.blurr\n";
        var e = Assert.Throws<PipelineValidationException>(() => PipelineBuilder.Check(PipelineFileReader.Parse("p.yaml", yaml), GraphHarness.Store));
        Assert.Contains(e.Errors, x => x.Message.Contains("'sigma' must be between 0 and 100"));
        Assert.Contains(e.Errors, x => x.Message.Contains("unknown kind 'stage.blurr'"));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("ocr")]
    [InlineData("faces")]
    [InlineData("people")]
    public void The_built_in_pipelines_are_valid(string name)
    {
        var document = Pipelines.BuiltInPipelines.Load(name);
        var checkedPipeline = PipelineBuilder.Check(document, GraphHarness.Store);
        Assert.Equal(name, document.Name);
        Assert.False(string.IsNullOrWhiteSpace(document.Description));
        Assert.Contains(checkedPipeline.Nodes, n => n.Kind.Name == "sink.jsonl");
    }
}
