using OpenCvSharp;
using VisionPipeline.Core.Targets;

namespace VisionPipeline.Decoders.Landmarks;

/// <summary>
/// How a MediaPipe landmark model lays out its main output: <see cref="Stored"/> points of <see cref="ValuesPerPoint"/>
/// values (x, y in input pixels, z, then visibility and presence logits where the model has them), of which the first
/// <see cref="Kept"/> are reported with the skeleton's names. Models are told apart by the output's size.
/// </summary>
public sealed record LandmarkModel(string Name, int Stored, int ValuesPerPoint, int Kept, Skeleton Skeleton, bool HasVisibility, bool FlagIsLogit, bool HasHandedness)
{
    /// <summary>
    /// The two points, beyond the kept ones, that give the subject's region for a second look (pose: the hips' centre,
    /// and a point whose distance from it is the radius of a circle round the body); null when the model has none.
    /// </summary>
    public (int Centre, int Reach)? AlignmentPoints { get; init; }

    /// <summary>BlazePose GHUM (pose_landmark_lite/full/heavy): 39 × (x, y, z, visibility, presence), 33 body points kept.</summary>
    public static LandmarkModel Pose { get; } = new("pose landmarks", 39, 5, 33, Skeleton.Pose33, HasVisibility: true, FlagIsLogit: false, HasHandedness: false)
    {
        AlignmentPoints = (33, 34),
    };

    /// <summary>Hand landmarks (hand_landmark_lite/full): 21 × (x, y, z), a hand flag and a handedness score.</summary>
    public static LandmarkModel Hand { get; } = new("hand landmarks", 21, 3, 21, Skeleton.Hand21, HasVisibility: false, FlagIsLogit: false, HasHandedness: true);

    /// <summary>Face mesh (face_landmark): 468 × (x, y, z) and a face-presence logit.</summary>
    public static LandmarkModel Face { get; } = new("face mesh", 468, 3, 468, Skeleton.Face468, HasVisibility: false, FlagIsLogit: true, HasHandedness: false);

    public static IReadOnlyList<LandmarkModel> All { get; } = [Pose, Hand, Face];

    public int Values => Stored * ValuesPerPoint;

    /// <summary>The model whose landmark output has this many values, or null.</summary>
    public static LandmarkModel? ForValues(long values) => All.FirstOrDefault(m => m.Values == values);

    /// <summary>The kept points in input pixels, and their visibility (sigmoid of the logit) where the model gives it.</summary>
    public (Point2f[] Points, float[]? Visibility) Decode(ReadOnlySpan<float> values)
    {
        if (values.Length != Values)
            throw new ArgumentException($"the {Name} output needs {Stored} × {ValuesPerPoint} = {Values} values, got {values.Length}");
        var points = new Point2f[Kept];
        var visibility = HasVisibility ? new float[Kept] : null;
        for (int i = 0; i < Kept; i++)
        {
            var v = values.Slice(i * ValuesPerPoint, ValuesPerPoint);
            points[i] = new Point2f(v[0], v[1]);
            if (visibility is not null) visibility[i] = Sigmoid(v[3]);
        }
        return (points, visibility);
    }

    /// <summary>The alignment points in input pixels, or null when the model has none.</summary>
    public (Point2f Centre, Point2f Reach)? Alignment(ReadOnlySpan<float> values)
    {
        if (AlignmentPoints is not var (centre, reach)) return null;
        return (new Point2f(values[centre * ValuesPerPoint], values[centre * ValuesPerPoint + 1]),
                new Point2f(values[reach * ValuesPerPoint], values[reach * ValuesPerPoint + 1]));
    }

    /// <summary>The model's presence score in [0, 1] from its flag output.</summary>
    public float Presence(float flag) => FlagIsLogit ? Sigmoid(flag) : flag;

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));
}
