using VisionPipeline.Core.Errors;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Tests;

/// <summary>The MediaPipe heads on the real zoo models: what they find on a crop, and a model of the wrong kind named in one line.</summary>
public class MediaPipeHeadTests
{
    private static VisionException Failure(string model, string decoder)
    {
        using var harness = new GraphHarness($"  - id: m\n    kind: model\n    input: image\n    model: {model}\n    decoder: {decoder}\n");
        using var frame = GraphHarness.Load("messi5.jpg");
        return Assert.ThrowsAny<VisionException>(() => harness.Run(frame).Dispose());
    }

    [Fact]
    public void A_model_that_is_not_a_MediaPipe_SSD_is_named_with_its_outputs_and_the_known_layouts()
    {
        var e = Failure("blazeface-short", "mediapipe-ssd");
        Assert.Contains("face_detection_short_range.tflite", e.Message);
        Assert.Contains("regressors[1,896,16]", e.Message);
        Assert.Contains("[1, 1917, 4]", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_model_without_a_landmark_output_is_named_with_its_outputs_and_the_known_sizes()
    {
        var e = Failure("selfie-general", "landmarks");
        Assert.Contains("selfie_segmentation.tflite", e.Message);
        Assert.Contains("no landmark output of a known size", e.Message);
        Assert.Contains("face mesh: 1404 values", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void The_palm_detector_runs_on_crops_and_its_keypoints_come_back_in_frame_pixels()
    {
        // Messi's open left hand spans about x 338-382, y 148-182 of messi5.jpg (read off the photo); cut out with a
        // margin and run through op.crop, the palm and its 7 keypoints must still land on it in the frame's pixels.
        using var harness = new GraphHarness(
            "  - id: area\n    kind: stage.crop\n    input: image\n    x: 300\n    y: 100\n    width: 120\n    height: 120\n" +
            "  - id: palms\n    kind: model\n    input: area\n    model: palm-detection-full\n");
        using var frame = GraphHarness.Load("messi5.jpg");
        using var context = harness.Run(frame);
        var palm = Assert.Single(context.Get<DetectionsValue>("palms").Items);
        Assert.Equal("palm", palm.Label);
        Assert.Equal(7, palm.Keypoints!.Count);
        foreach (var k in palm.Keypoints)
            Assert.True(k.X >= 333 && k.X <= 387 && k.Y >= 143 && k.Y <= 187, $"palm keypoint at ({k.X:0}, {k.Y:0}) is off the hand");
    }
}
