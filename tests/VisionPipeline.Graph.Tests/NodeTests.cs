using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Targets;
using VisionPipeline.Graph.Nodes;
using VisionPipeline.Heads.Embeddings;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Graph.Tests;

/// <summary>The zoo models' nodes on real sample photos, against the reference results in MODEL-ZOO.md §7.</summary>
public class NodeTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private static Frame Load(string name) => new(Cv2.ImRead(RepoPaths.Sample(name)), RepoPaths.Sample(name), name, 0);

    private FrameTargets Run(IFrameNode node, Frame frame)
    {
        var targets = new FrameTargets();
        node.Process(frame, targets);
        return targets;
    }

    private FaceDetectorNode Faces() => new("faces", models.Catalog.Open("blazeface-full"));

    [Fact]
    public void BlazeFace_finds_the_one_face_in_messi5_where_it_is()
    {
        using var frame = Load("messi5.jpg");
        using var targets = Run(Faces(), frame);
        var face = Assert.Single(targets.Detections);
        Assert.Equal("face", face.Label);
        Assert.InRange(face.Score, 0.66f, 0.76f);
        var b = face.Box;
        Assert.True(Math.Abs(b.X1 - 223) < 5 && Math.Abs(b.Y1 - 92) < 5 && Math.Abs(b.X2 - 257) < 5 && Math.Abs(b.Y2 - 126) < 5,
            $"face box ({b.X1:0.0},{b.Y1:0.0})-({b.X2:0.0},{b.Y2:0.0}) is not near the reference (223,92)-(257,126)");
        Assert.Equal(6, face.Keypoints!.Count);
        Assert.True(face.Keypoints[0].X < face.Keypoints[1].X, "the person's right eye should be on the image's left");
    }

    [Theory]
    [InlineData("fruits.jpg")]
    [InlineData("building.jpg")]
    public void BlazeFace_finds_no_face_in_photos_without_people(string image)
    {
        using var frame = Load(image);
        using var targets = Run(Faces(), frame);
        Assert.Empty(targets.Detections);
    }

    /// <summary>
    /// The same face crop (150×150 around the face in messi5) placed at other offsets and scales: the box must move
    /// and scale with it, which only happens when the letterbox inverse is exact.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 2.0, 0, 0)]
    [InlineData(30, 0, 1.0, 60, 0)]
    [InlineData(0, 40, 1.0, 0, 80)]
    [InlineData(17, 9, 1.3, 20, 20)]
    public void A_face_moves_and_scales_with_the_image_it_is_in(int offsetX, int offsetY, double scale, int extraW, int extraH)
    {
        using var messi = Load("messi5.jpg");
        using var crop = new Mat(messi.Image, new Rect(170, 40, 150, 150)).Clone();
        using var reference = Run(Faces(), new Frame(crop.Clone(), "crop", "crop.png", 0));
        var expected = Assert.Single(reference.Detections).Box;

        using var scaled = new Mat();
        Cv2.Resize(crop, scaled, new Size(), scale, scale, InterpolationFlags.Linear);
        using var canvas = new Mat(scaled.Rows + extraH, scaled.Cols + extraW, MatType.CV_8UC3, Scalar.All(0));
        using (var roi = new Mat(canvas, new Rect(offsetX, offsetY, scaled.Cols, scaled.Rows))) scaled.CopyTo(roi);
        using var frame = new Frame(canvas.Clone(), "canvas", "canvas.png", 0);
        using var targets = Run(Faces(), frame);
        var box = Assert.Single(targets.Detections).Box;

        // The model sees a slightly different picture at another size, so allow a few pixels of model jitter.
        double tolerance = 3 * scale;
        double ex1 = expected.X1 * scale + offsetX, ey1 = expected.Y1 * scale + offsetY;
        double ex2 = expected.X2 * scale + offsetX, ey2 = expected.Y2 * scale + offsetY;
        Assert.True(Math.Abs(box.X1 - ex1) < tolerance && Math.Abs(box.Y1 - ey1) < tolerance &&
                    Math.Abs(box.X2 - ex2) < tolerance && Math.Abs(box.Y2 - ey2) < tolerance,
            $"expected the face near ({ex1:0.0},{ey1:0.0})-({ex2:0.0},{ey2:0.0}), got ({box.X1:0.0},{box.Y1:0.0})-({box.X2:0.0},{box.Y2:0.0})");
    }

    [Fact]
    public void The_person_mask_covers_the_player_and_not_the_background()
    {
        using var frame = Load("messi5.jpg");
        using var targets = Run(new PersonSegmenterNode("person", models.Catalog.Open("selfie-general")), frame);
        var mask = Assert.Single(targets.Masks);
        Assert.Equal(new Size(548, 342), mask.Mask.Size());
        using var player = new Mat(mask.Mask, new Rect(200, 110, 80, 100));
        using var background = new Mat(mask.Mask, new Rect(0, 0, 120, 60));
        Assert.True(Cv2.Mean(player).Val0 / 255 >= 0.9, $"only {Cv2.Mean(player).Val0 / 255:P0} of the player's box is masked");
        Assert.True(Cv2.Mean(background).Val0 / 255 <= 0.01, $"{Cv2.Mean(background).Val0 / 255:P1} of the background is masked");
    }

    private TextReaderNode Reader(bool direction = false) => new("text", models.Catalog.Open("ppocr-det"),
        models.Catalog.Open("ppocr-rec"), models.Catalog.ResolveFile("ppocr-keys"),
        direction ? models.Catalog.Open("ppocr-cls") : null);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OCR_reads_the_printed_page_line_by_line(bool withDirectionClassifier)
    {
        using var frame = Load("imageTextN.png");
        using var targets = Run(Reader(withDirectionClassifier), frame);
        var lines = targets.Detections;
        Assert.Equal(13, lines.Count);
        Assert.Equal("technical details are too complex to cover in the book itself.", lines[0].Text);
        Assert.All(lines, l => Assert.True(l.TextScore >= 0.9f, $"'{l.Text}' read with confidence {l.TextScore}"));
        Assert.All(lines, l => Assert.Equal(4, l.Polygon!.Count));
    }

    [Fact]
    public void The_detector_sees_13_lines_at_the_reference_tensor_size()
    {
        Assert.Equal((544, 256), TextReaderNode.DetectorInputSize(556, 257, 960));
        using var frame = Load("imageTextN.png");
        Assert.Equal(13, Reader().Detect(frame.Image).Count);
    }

    [Fact]
    public void OCR_reads_headings_and_digits_on_the_sudoku_page()
    {
        using var frame = Load("sudoku.png");
        using var targets = Run(Reader(), frame);
        var texts = targets.Detections.Select(d => d.Text).ToList();
        Assert.Contains("SUDOKU", texts);
        Assert.Contains("HARD", texts);
        Assert.True(texts.Count(t => t is { Length: 1 } && char.IsDigit(t[0])) >= 20, $"read only: {string.Join(" ", texts)}");
    }

    [Fact]
    public void ResNet_embeddings_are_close_for_crops_and_far_for_other_scenes()
    {
        var node = new ImageEmbeddingNode("embedding", models.Catalog.Open("resnet18-preprocess"), models.Catalog.Open("resnet18"));
        using var messi = Load("messi5.jpg");
        using var building = Load("building.jpg");
        using var leftCrop = new Mat(messi.Image, new Rect(0, 0, (int)(messi.Width * 0.8), messi.Height));
        var full = node.Embed(messi.Image);
        Assert.Equal(512, full.Length);
        Assert.All(full, v => Assert.True(v >= 0));
        Assert.True(EmbeddingHead.Cosine(full, node.Embed(leftCrop)) > 0.9);
        Assert.True(EmbeddingHead.Cosine(full, node.Embed(building.Image)) < 0.5);
    }
}
