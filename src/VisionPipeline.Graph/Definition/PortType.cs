namespace VisionPipeline.Graph.Definition;

/// <summary>What flows along an edge of the graph.</summary>
public enum PortType
{
    /// <summary>An 8-bit BGR image with the map from its pixels to the original frame's.</summary>
    Image,
    /// <summary>Boxes (with keypoints, polygons, text) in frame pixels.</summary>
    Detections,
    /// <summary>Image regions cut around detections, each with the map back to the frame.</summary>
    Crops,
    /// <summary>Binary masks at the frame's size.</summary>
    Masks,
    /// <summary>Feature vectors, of the whole frame or of detections.</summary>
    Embeddings,
}
