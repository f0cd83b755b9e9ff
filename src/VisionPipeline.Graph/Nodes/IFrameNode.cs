using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;

namespace VisionPipeline.Graph.Nodes;

/// <summary>One step of a pipeline: reads a frame (and what earlier nodes found) and adds targets.</summary>
public interface IFrameNode
{
    /// <summary>The node's name in results ("faces", "person", "text").</summary>
    string Id { get; }

    void Process(Frame frame, FrameTargets targets);
}
