using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Models;
using VisionPipeline.Heads.Segmentation;

namespace VisionPipeline.Graph.Nodes;

/// <summary>Selfie segmentation: stretch → model → P(person) brought back to the image → binary mask.</summary>
public sealed class PersonSegmenterNode(string id, ModelSession model, float threshold = 0.5f) : IFrameNode
{
    public string Id { get; } = id;

    public void Process(Frame frame, FrameTargets targets)
    {
        var spec = model.InputSpec;
        var (prepared, tensor) = ModelInput.Prepare(frame.Image, spec, spec.Width, spec.Height);
        using (prepared)
        using (tensor)
        using (var outputs = model.Run(tensor))
        {
            var map = outputs[0];
            if (map.Length != spec.Width * spec.Height)
                throw new VisionException(model.Engine.ModelPath,
                    $"expected a {spec.Width}×{spec.Height} probability map, got {map.ShapeText}");
            var mask = ProbabilityMaskHead.ToBinaryMask(map.Data, spec.Width, spec.Height, prepared.ToTensor,
                frame.Width, frame.Height, threshold);
            targets.Add(new MaskTarget(Id, "person", mask));
        }
    }
}
