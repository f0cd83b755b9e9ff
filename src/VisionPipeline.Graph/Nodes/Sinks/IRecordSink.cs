using VisionPipeline.Core.Results;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>
/// A sink fed the per-image records in input order (results.jsonl, COCO results, CSV). It writes under a temporary
/// name and gives the file its final name in <see cref="Complete"/>, so a file is never half-written.
/// </summary>
public interface IRecordSink
{
    string Id { get; }

    /// <summary>The file this sink produces, relative to the output folder.</summary>
    string RelativePath { get; }

    /// <param name="index">The image's position in the whole input list (stable across shards and resumes).</param>
    void Write(long index, ImageRecord record);

    /// <summary>Writes the file under its final name and starts afresh (a graph can serve several runs).</summary>
    void Complete();
}
