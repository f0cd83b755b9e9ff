using VisionPipeline.Decoders.Landmarks;

namespace VisionPipeline.Decoders.Tests;

public class LandmarkModelTests
{
    [Fact]
    public void Models_are_told_apart_by_their_landmark_output_size()
    {
        Assert.Same(LandmarkModel.Pose, LandmarkModel.ForValues(195));
        Assert.Same(LandmarkModel.Hand, LandmarkModel.ForValues(63));
        Assert.Same(LandmarkModel.Face, LandmarkModel.ForValues(1404));
        Assert.Null(LandmarkModel.ForValues(117)); // the pose model's world landmarks are not the screen ones
    }

    [Fact]
    public void Pose_keeps_33_of_39_points_with_visibility_from_its_logit()
    {
        var values = new float[195];
        for (int i = 0; i < 39; i++)
        {
            values[i * 5] = i;          // x
            values[i * 5 + 1] = 100 + i; // y
            values[i * 5 + 3] = i == 5 ? 0 : 4; // visibility logit
        }
        var (points, visibility) = LandmarkModel.Pose.Decode(values);
        Assert.Equal(33, points.Length);
        Assert.Equal((32f, 132f), (points[32].X, points[32].Y));
        Assert.Equal(0.5f, visibility![5], 5);
        Assert.Equal(1 / (1 + MathF.Exp(-4)), visibility[0], 5);
    }

    [Fact]
    public void The_face_flag_is_a_logit_and_the_hand_flag_a_probability()
    {
        Assert.Equal(0.5f, LandmarkModel.Face.Presence(0), 5);
        Assert.Equal(0.93f, LandmarkModel.Hand.Presence(0.93f), 5);
        Assert.Null(LandmarkModel.Hand.Decode(new float[63]).Visibility);
    }

    [Fact]
    public void An_output_of_the_wrong_size_is_refused_with_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => LandmarkModel.Hand.Decode(new float[60]));
        Assert.Contains("21 × 3 = 63 values, got 60", e.Message);
    }
}
