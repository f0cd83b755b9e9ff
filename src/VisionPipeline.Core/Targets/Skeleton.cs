namespace VisionPipeline.Core.Targets;

/// <summary>
/// A keypoint layout: each keypoint's name, and the pairs joined when drawn. Landmark models name theirs
/// (<see cref="Detection.Skeleton"/>); the annotated sink draws the bones.
/// </summary>
public sealed record Skeleton(string Name, IReadOnlyList<string> Keypoints, IReadOnlyList<(int From, int To)> Bones)
{
    /// <summary>MediaPipe Pose (BlazePose GHUM): 33 body landmarks.</summary>
    public static Skeleton Pose33 { get; } = new("pose-33",
    [
        "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
        "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
        "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
        "left_heel", "right_heel", "left_foot_index", "right_foot_index",
    ],
    [
        (0, 1), (1, 2), (2, 3), (3, 7), (0, 4), (4, 5), (5, 6), (6, 8), (9, 10),
        (11, 12), (11, 13), (13, 15), (15, 17), (15, 19), (15, 21), (17, 19), (12, 14), (14, 16), (16, 18), (16, 20),
        (16, 22), (18, 20), (11, 23), (12, 24), (23, 24), (23, 25), (24, 26), (25, 27), (26, 28), (27, 29), (28, 30),
        (29, 31), (30, 32), (27, 31), (28, 32),
    ]);

    /// <summary>MediaPipe Hands: 21 hand landmarks, the wrist then four per finger from its base to its tip.</summary>
    public static Skeleton Hand21 { get; } = new("hand-21",
    [
        "wrist", "thumb_cmc", "thumb_mcp", "thumb_ip", "thumb_tip", "index_finger_mcp", "index_finger_pip",
        "index_finger_dip", "index_finger_tip", "middle_finger_mcp", "middle_finger_pip", "middle_finger_dip",
        "middle_finger_tip", "ring_finger_mcp", "ring_finger_pip", "ring_finger_dip", "ring_finger_tip", "pinky_mcp",
        "pinky_pip", "pinky_dip", "pinky_tip",
    ],
    [
        (0, 1), (1, 2), (2, 3), (3, 4), (0, 5), (5, 6), (6, 7), (7, 8), (5, 9), (9, 10), (10, 11), (11, 12),
        (9, 13), (13, 14), (14, 15), (15, 16), (13, 17), (0, 17), (17, 18), (18, 19), (19, 20),
    ]);

    /// <summary>MediaPipe Face Mesh: 468 points (named by index); the face oval and the outer lips are drawn.</summary>
    public static Skeleton Face468 { get; } = new("face-468",
        Enumerable.Range(0, 468).Select(i => $"point_{i}").ToArray(),
        [.. Loop([10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150,
                  136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]),
         .. Loop([61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185])]);

    /// <summary>COCO keypoints, as Ultralytics YOLO pose models give them: 17 body points.</summary>
    public static Skeleton Coco17 { get; } = new("coco-17",
    [
        "nose", "left_eye", "right_eye", "left_ear", "right_ear", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    ],
    [
        (15, 13), (13, 11), (16, 14), (14, 12), (11, 12), (5, 11), (6, 12), (5, 6), (5, 7), (6, 8), (7, 9), (8, 10),
        (1, 2), (0, 1), (0, 2), (1, 3), (2, 4), (3, 5), (4, 6),
    ]);

    public static IReadOnlyList<Skeleton> All { get; } = [Pose33, Hand21, Face468, Coco17];

    /// <summary>The skeleton of that name, or null.</summary>
    public static Skeleton? Find(string? name) => All.FirstOrDefault(s => s.Name == name);

    private static IEnumerable<(int, int)> Loop(int[] points) => points.Select((p, i) => (p, points[(i + 1) % points.Length]));
}
