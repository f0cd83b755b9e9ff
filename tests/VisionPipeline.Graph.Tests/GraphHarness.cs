using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Output;
using VisionPipeline.Inference.Engines;
using VisionPipeline.TestSupport;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Tests;

/// <summary>Builds pipelines from YAML text against the real zoo and runs them on single frames.</summary>
public sealed class GraphHarness : IDisposable
{
    public static ModelStore Store { get; } = new(RepoPaths.Models);

    private readonly TempDirectory _output = new();

    public GraphHarness(string nodesYaml)
    {
        var yaml = "name: test\nnodes:\n  - id: image\n    kind: source.images\n" + nodesYaml;
        Document = PipelineFileReader.Parse("test.yaml", yaml);
        Layout = new OutputLayout(_output.Path);
        Graph = PipelineBuilder.Build(Document, Store, new EngineOptions { IntraOpThreads = 2 });
    }

    public PipelineDocument Document { get; }
    public OutputLayout Layout { get; }
    public PipelineGraph Graph { get; }
    public string OutputDirectory => _output.Path;

    public static Frame Load(string name) => new(Cv2.ImRead(RepoPaths.Sample(name)), RepoPaths.Sample(name), name, 0);

    /// <summary>Runs the graph on the frame; the caller disposes the context (and the frame).</summary>
    public FrameContext Run(Frame frame)
    {
        var context = new FrameContext(frame, Layout);
        Graph.Execute(context);
        return context;
    }

    public void Dispose()
    {
        Graph.Dispose();
        _output.Dispose();
    }
}
