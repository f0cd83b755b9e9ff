using VisionPipeline.Core.Geometry;

namespace VisionPipeline.Live.Tracking;

/// <summary>One object followed across frames: its id, what it is, its motion model and how long it has gone unseen.</summary>
public sealed class Track(int id, string node, string label, BoxF box)
{
    private readonly KalmanBox _motion = new(box);

    public int Id { get; } = id;
    public string Node { get; } = node;
    public string Label { get; } = label;

    /// <summary>The box: predicted for the current frame, then corrected by its detection.</summary>
    public BoxF Box { get; private set; } = box;

    /// <summary>Frames in a row without a matching detection.</summary>
    public int Missed { get; private set; }

    public void Predict() => Box = _motion.Predict();

    public void Matched(BoxF detected)
    {
        _motion.Update(detected);
        Box = _motion.Box;
        Missed = 0;
    }

    public void Lost() => Missed++;
}
