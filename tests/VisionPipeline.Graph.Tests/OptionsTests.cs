using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Graph.Definition.Kinds;
using VisionPipeline.Graph.Definition.Model;
using VisionPipeline.Graph.Nodes.Heads;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Nodes.Stages;
using VisionPipeline.Graph.Tests.Decoders;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>Each node kind's parameters become its typed options record once, when the pipeline is checked.</summary>
public class OptionsTests
{
    private const string Source = "name: t\nnodes:\n  - id: image\n    kind: source.images\n";
    private const string Faces = "  - id: faces\n    kind: model\n    input: image\n    model: blazeface-full\n";

    private static T OptionsOf<T>(string yaml, string node, string path = "p.yaml")
    {
        var checkedPipeline = PipelineBuilder.Check(PipelineFileReader.Parse(path, yaml), GraphHarness.Store);
        return Assert.IsType<T>(checkedPipeline.Nodes.Single(n => n.Context.Id == node).Context.Options);
    }

    [Fact]
    public void A_node_gets_its_typed_options_with_the_values_written_and_the_rest_at_their_defaults()
    {
        var crop = OptionsOf<CropOptions>(Source + Faces +
            "  - id: c\n    kind: op.crop\n    inputs: { image: image, detections: faces }\n    padding: 0.25\n    border: replicate\n", "c");
        Assert.Equal(new CropOptions { Padding = 0.25, Border = BorderFill.Replicate }, crop);
        Assert.False(crop.Rectify);
        Assert.Equal(1, crop.MinSize);

        var blur = OptionsOf<BlurOptions>(Source + "  - id: b\n    kind: stage.blur\n    input: image\n    type: median\n    kernel: 7\n", "b");
        Assert.Equal(new BlurOptions { Type = BlurType.Median, Kernel = 7, Sigma = 0 }, blur);

        var mask = OptionsOf<ApplyMaskOptions>(Source + "  - id: person\n    kind: model\n    input: image\n    model: selfie-general\n" +
            "  - id: m\n    kind: op.apply_mask\n    inputs: { image: image, masks: person }\n    effect: replace-background\n", "m");
        Assert.Equal(MaskEffect.ReplaceBackground, mask.Effect);
        Assert.Equal([255, 255, 255], mask.Color);
    }

    [Fact]
    public void An_out_of_range_value_is_reported_on_its_own_line()
    {
        var yaml = Source + Faces + "  - id: c\n    kind: op.crop\n    inputs: { image: image, detections: faces }\n    rectify: true\n    padding: 11\n";
        var e = Assert.Throws<PipelineValidationException>(() => PipelineBuilder.Check(PipelineFileReader.Parse("p.yaml", yaml), GraphHarness.Store));
        var error = Assert.Single(e.Errors);
        Assert.Equal("p.yaml:13:14: node 'c': 'padding' must be between 0 and 10, got 11", error.ToString());
    }

    [Fact]
    public void The_model_nodes_options_map_their_choices_to_types()
    {
        var model = OptionsOf<ModelOptions>(Source + Faces + "    device: cpu\n    resize: letterbox-top-left\n    mean: [1, 2, 3]\n", "faces");
        Assert.Equal(DeviceKind.Cpu, model.Device);
        Assert.Equal(ResizeMode.LetterboxTopLeft, model.Resize);
        Assert.Equal([1.0, 2.0, 3.0], model.Mean);
        Assert.Equal(EngineKind.Auto, model.Engine);
        Assert.Null(model.Colors);
        Assert.Null(model.Head);
        Assert.IsType<BlazeFaceKind>(model.Setup!.Decoder);
    }

    [Fact]
    public void A_decoder_option_left_unset_takes_that_decoders_default()
    {
        var faces = OptionsOf<ModelOptions>(Source + Faces + "    score_threshold: 0.7\n", "faces").Setup!;
        Assert.Equal(new BlazeFaceKind.Options { ScoreThreshold = 0.7f, IouThreshold = 0.3f }, faces.DecoderOptions);

        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.File("yolo.onnx"), GeneratedModels.Yolo("v8", 64, new float[14], [-1, 7, 2],
            metadata: new Dictionary<string, string> { ["task"] = "detect", ["names"] = "{0: 'a', 1: 'b', 2: 'c'}", ["imgsz"] = "[64, 64]" }));
        DecoderOptions Decoder(string settings) =>
            OptionsOf<ModelOptions>(Source + "  - id: m\n    kind: model\n    input: image\n    path: yolo.onnx\n" + settings, "m", temp.File("p.yaml")).Setup!.DecoderOptions;

        var yolo = Assert.IsType<YoloKind.Options>(Decoder(""));
        Assert.Equal((0.25f, 0.45f, 0, (YoloLayout?)null), (yolo.ScoreThreshold, yolo.IouThreshold, yolo.TopK, yolo.Layout));
        Assert.Equal(YoloLayout.End2end, Assert.IsType<YoloKind.Options>(Decoder("    layout: end2end\n")).Layout);
        var ssd = Assert.IsType<SsdKind.Options>(Decoder("    decoder: ssd\n    iou_threshold: 0.6\n"));
        Assert.Equal((0.5f, 0.6f), (ssd.ScoreThreshold, ssd.IouThreshold));
        Assert.Equal(5, Assert.IsType<ClassifyKind.Options>(Decoder("    decoder: classify\n")).TopK);
        Assert.Equal(0.5f, Assert.IsType<TorchvisionKind.Options>(Decoder("    decoder: torchvision\n")).ScoreThreshold);
    }

    [Fact]
    public void The_old_minus_one_for_the_decoders_default_is_out_of_range()
    {
        var yaml = Source + Faces + "    score_threshold: -1\n";
        var e = Assert.Throws<PipelineValidationException>(() => PipelineBuilder.Check(PipelineFileReader.Parse("p.yaml", yaml), GraphHarness.Store));
        Assert.Equal("p.yaml:9:22: node 'faces': 'score_threshold' must be between 0 and 1, got -1", Assert.Single(e.Errors).ToString());
    }

    [Fact]
    public void Every_declaration_is_consistent_and_the_decoder_choices_are_the_registry()
    {
        // A choice's default is one of its choices (the model node's decoder parameters: each decoder's).
        var declared = NodeCatalog.Kinds.Values.Where(k => k.Name != "model").SelectMany(k => k.Params)
            .Concat(DecoderKinds.All.SelectMany(d => d.Params)).Concat(Definition.Options.OptionsSchema.Of<ModelOptions>().Params);
        foreach (var p in declared.Where(p => p.Kind == ParamKind.Choice))
            Assert.Contains((string)p.Default!, p.Choices!);
        var decoder = NodeCatalog.Kinds["model"].Params.Single(p => p.Name == "decoder");
        Assert.Equal(["auto", .. DecoderKinds.Names], decoder.Choices);
        Assert.All(DecoderKinds.All, d => Assert.Same(d, DecoderKinds.Find(d.Name)));
        // Each decoder parameter is declared once: every decoder that takes it agrees on all but the default.
        var model = NodeCatalog.Kinds["model"].Params;
        foreach (var d in DecoderKinds.All)
            foreach (var p in d.Params)
                Assert.Equal(p with { Default = null, Choices = null }, model.Single(m => m.Name == p.Name) with { Default = null, Choices = null });
        Assert.Equal("0.5; yolo, yolo-seg, yolo-pose, yolo-obb 0.25; db-text 0.6", model.Single(p => p.Name == "score_threshold").Default);
    }
}
