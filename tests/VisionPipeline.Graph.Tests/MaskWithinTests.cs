using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Nodes.Ops;
using VisionPipeline.Graph.Output;
using VisionPipeline.Graph.Values;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

public class MaskWithinTests
{
    private static IReadOnlyList<MaskTarget> Run(params Detection[] detections)
    {
        using var output = new TempDirectory();
        using var frame = new Frame(new Mat(100, 100, MatType.CV_8UC3, Scalar.All(0)), "x", "x.png", 0);
        using var context = new FrameContext(frame, new OutputLayout(output.Path));
        context.Set("selfie", new MasksValue([new MaskTarget("selfie", "person", new Mat(100, 100, MatType.CV_8UC1, Scalar.All(255)))]));
        context.Set("objects", new DetectionsValue(detections));
        new MaskWithinNode("person", "selfie", "objects", new HashSet<string> { "Person" }, padding: 0.1).Execute(context);
        // Copies: the context disposes its values (and their Mats) when it is disposed.
        return context.Get<MasksValue>("person").Items.Select(m => new MaskTarget(m.Node, m.Label, m.Mask.Clone())).ToList();
    }

    [Fact]
    public void The_mask_is_kept_only_inside_the_person_boxes_grown_by_the_padding()
    {
        var masks = Run(new Detection("objects", "Person", 0.6f, new BoxF(10, 20, 30, 60)), new Detection("objects", "Dog", 0.9f, new BoxF(50, 50, 90, 90)));
        var mask = Assert.Single(masks);
        Assert.Equal("person", mask.Node);
        // 20 × 40 grown by 10 % a side: x 8-32, y 16-64, 24 × 48 pixels; the Dog box bounds nothing.
        Assert.Equal(24 * 48, mask.Area);
        Assert.Equal(255, mask.Mask.At<byte>(16, 8));
        Assert.Equal(0, mask.Mask.At<byte>(70, 70));
        foreach (var m in masks) m.Dispose();
    }

    [Fact]
    public void Without_a_person_there_is_no_mask()
    {
        Assert.Empty(Run(new Detection("objects", "Dog", 0.9f, new BoxF(50, 50, 90, 90))));
        Assert.Empty(Run());
    }
}
