using OpenCvSharp;
using VisionPipeline.Core.Frames;
using VisionPipeline.Core.Geometry;
using VisionPipeline.Decoders.Embeddings;
using VisionPipeline.Graph.Values;

namespace VisionPipeline.Graph.Tests;

/// <summary>The zoo models as graph nodes on real sample photos, against the reference results in MODEL-ZOO.md §7.</summary>
public class ModelNodeTests
{
    private const string Faces = "  - id: faces\n    kind: model\n    input: image\n    model: blazeface-full\n";

    private static BoxF ReferenceFace => new(223, 92, 257, 126);

    private static void AssertNear(BoxF expected, BoxF actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual.X1 - expected.X1) < tolerance && Math.Abs(actual.Y1 - expected.Y1) < tolerance &&
                    Math.Abs(actual.X2 - expected.X2) < tolerance && Math.Abs(actual.Y2 - expected.Y2) < tolerance,
            $"{what}: box ({actual.X1:0.0},{actual.Y1:0.0})-({actual.X2:0.0},{actual.Y2:0.0}) is not within {tolerance} px of ({expected.X1:0.0},{expected.Y1:0.0})-({expected.X2:0.0},{expected.Y2:0.0})");

    [Fact]
    public void BlazeFace_finds_the_one_face_in_messi5_where_it_is()
    {
        using var harness = new GraphHarness(Faces);
        using var frame = GraphHarness.Load("messi5.jpg");
        using var context = harness.Run(frame);
        var face = Assert.Single(context.Get<DetectionsValue>("faces").Items);
        Assert.Equal("face", face.Label);
        Assert.InRange(face.Score, 0.66f, 0.76f);
        AssertNear(ReferenceFace, face.Box, 5, "messi5 face");
        Assert.Equal(6, face.Keypoints!.Count);
        Assert.True(face.Keypoints[0].X < face.Keypoints[1].X, "the person's right eye should be on the image's left");
    }

    [Theory]
    [InlineData("fruits.jpg")]
    [InlineData("building.jpg")]
    public void BlazeFace_finds_no_face_in_photos_without_people(string image)
    {
        using var harness = new GraphHarness(Faces);
        using var frame = GraphHarness.Load(image);
        using var context = harness.Run(frame);
        Assert.Empty(context.Get<DetectionsValue>("faces").Items);
    }

    /// <summary>
    /// The same 150×150 face crop placed at other offsets and scales: the box must move and scale with it, which
    /// only happens when the letterbox inverse is exact.
    /// </summary>
    [Theory]
    [InlineData(0, 0, 2.0, 0, 0)]
    [InlineData(30, 0, 1.0, 60, 0)]
    [InlineData(0, 40, 1.0, 0, 80)]
    [InlineData(17, 9, 1.3, 20, 20)]
    public void A_face_moves_and_scales_with_the_image_it_is_in(int offsetX, int offsetY, double scale, int extraW, int extraH)
    {
        using var harness = new GraphHarness(Faces);
        using var messi = GraphHarness.Load("messi5.jpg");
        using var crop = new Mat(messi.Image, new Rect(170, 40, 150, 150)).Clone();
        BoxF expected;
        using (var reference = harness.Run(new Frame(crop.Clone(), "crop", "crop.png", 0)))
            expected = Assert.Single(reference.Get<DetectionsValue>("faces").Items).Box;

        using var scaled = new Mat();
        Cv2.Resize(crop, scaled, new Size(), scale, scale, InterpolationFlags.Linear);
        using var canvas = new Mat(scaled.Rows + extraH, scaled.Cols + extraW, MatType.CV_8UC3, Scalar.All(0));
        using (var roi = new Mat(canvas, new Rect(offsetX, offsetY, scaled.Cols, scaled.Rows))) scaled.CopyTo(roi);
        using var frame = new Frame(canvas.Clone(), "canvas", "canvas.png", 0);
        using var context = harness.Run(frame);
        var box = Assert.Single(context.Get<DetectionsValue>("faces").Items).Box;
        var moved = new BoxF((float)(expected.X1 * scale + offsetX), (float)(expected.Y1 * scale + offsetY),
            (float)(expected.X2 * scale + offsetX), (float)(expected.Y2 * scale + offsetY));
        // The model sees a slightly different picture at another size, so allow a few pixels of model jitter.
        AssertNear(moved, box, 3 * scale, "moved face");
    }

    [Theory]
    [InlineData("stage.rotate", "angle: 12")]
    [InlineData("stage.rotate", "angle: -15")]
    [InlineData("stage.resize", "scale: 2")]
    [InlineData("stage.letterbox", "{ width: 400, height: 400 }")]
    [InlineData("stage.clahe", "clip_limit: 2")]
    public void Faces_found_on_a_transformed_image_come_back_in_frame_pixels(string stage, string parameters)
    {
        var line = parameters.StartsWith('{') ? string.Join("\n", parameters.Trim('{', '}').Split(',').Select(p => "    " + p.Trim())) : "    " + parameters;
        using var harness = new GraphHarness(
            $"  - id: changed\n    kind: {stage}\n    input: image\n{line}\n" +
            "  - id: faces\n    kind: model\n    input: changed\n    model: blazeface-full\n");
        using var frame = GraphHarness.Load("messi5.jpg");
        using var context = harness.Run(frame);
        // Turned and padded images can add a weak false face; the real one is the best.
        var face = context.Get<DetectionsValue>("faces").Items.MaxBy(f => f.Score)!;
        if (stage != "stage.rotate")
        {
            AssertNear(ReferenceFace, face.Box, 5, $"{stage} {parameters}");
            return;
        }
        // A box found on a rotated image comes back as the bounding box of its turned corners: compare centres.
        float cx = (face.Box.X1 + face.Box.X2) / 2, cy = (face.Box.Y1 + face.Box.Y2) / 2;
        Assert.True(Math.Abs(cx - 240) < 5 && Math.Abs(cy - 109) < 5, $"{parameters}: face centre ({cx:0.0},{cy:0.0}) is not near (240,109)");
    }

    [Fact]
    public void Faces_found_on_crops_and_on_tiles_map_back_to_the_frame()
    {
        using var harness = new GraphHarness(Faces +
            "  - id: around\n    kind: op.crop\n    inputs: { image: image, detections: faces }\n    padding: 1.5\n" +
            "  - id: again\n    kind: model\n    input: around\n    model: blazeface-full\n" +
            "  - id: tiles\n    kind: op.tile\n    input: image\n    size: 200\n    overlap: 0.3\n" +
            "  - id: tiled\n    kind: model\n    input: tiles\n    model: blazeface-short\n" +
            "  - id: merged\n    kind: op.merge\n    inputs: [tiled]\n    iou_threshold: 0.3\n");
        using var frame = GraphHarness.Load("messi5.jpg");
        using var context = harness.Run(frame);
        // The model sees the face 2.5× larger on its crop, so its box differs by a few pixels of model jitter.
        AssertNear(ReferenceFace, Assert.Single(context.Get<DetectionsValue>("again").Items).Box, 7, "face on its crop");
        Assert.Equal(12, context.Get<CropsValue>("tiles").Items.Count); // 4 × 3 tiles of 200 px over 548 × 342
        Assert.Equal([0, 116, 232, 348], Nodes.Ops.TileNode.Starts(548, 200, 0.3));
        var merged = context.Get<DetectionsValue>("merged").Items;
        Assert.Contains(merged, d => Math.Abs(d.Box.X1 - ReferenceFace.X1) < 6 && Math.Abs(d.Box.Y1 - ReferenceFace.Y1) < 6);
        Assert.All(merged, d => Assert.Equal("merged", d.Node));
    }

    [Fact]
    public void The_person_mask_covers_the_player_and_the_background_blur_keeps_him_sharp()
    {
        using var harness = new GraphHarness(
            "  - id: person\n    kind: model\n    input: image\n    model: selfie-general\n" +
            "  - id: portrait\n    kind: op.apply_mask\n    inputs: { image: image, masks: person }\n");
        using var frame = GraphHarness.Load("messi5.jpg");
        using var context = harness.Run(frame);
        var mask = Assert.Single(context.Get<MasksValue>("person").Items).Mask;
        Assert.Equal(new Size(548, 342), mask.Size());
        using (var player = new Mat(mask, new Rect(200, 110, 80, 100)))
            Assert.True(Cv2.Mean(player).Val0 / 255 >= 0.9, $"only {Cv2.Mean(player).Val0 / 255:P0} of the player's box is masked");
        using (var background = new Mat(mask, new Rect(0, 0, 120, 60)))
            Assert.True(Cv2.Mean(background).Val0 / 255 <= 0.01, $"{Cv2.Mean(background).Val0 / 255:P1} of the background is masked");

        var portrait = context.Get<ImageValue>("portrait").Image;
        using var difference = new Mat();
        Cv2.Absdiff(portrait, frame.Image, difference);
        using var grey = difference.CvtColor(ColorConversionCodes.BGR2GRAY);
        using var inside = new Mat(grey, new Rect(220, 130, 40, 60));
        using var outside = new Mat(grey, new Rect(0, 0, 120, 60));
        Assert.Equal(0, Cv2.CountNonZero(inside));
        Assert.True(Cv2.CountNonZero(outside) > 120 * 60 / 2, "the background was not blurred");
    }

    private const string Ocr =
        "  - id: boxes\n    kind: model\n    input: image\n    model: ppocr-det\n" +
        "  - id: lines\n    kind: op.crop\n    inputs: { image: image, detections: boxes }\n    rectify: true\n    border: replicate\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_OCR_cascade_reads_the_printed_page_line_by_line(bool withDirectionClassifier)
    {
        var recognise = withDirectionClassifier
            ? "  - id: upright\n    kind: model\n    input: lines\n    model: ppocr-cls\n  - id: text\n    kind: model\n    input: upright\n    model: ppocr-rec\n"
            : "  - id: text\n    kind: model\n    input: lines\n    model: ppocr-rec\n";
        using var harness = new GraphHarness(Ocr + recognise);
        using var frame = GraphHarness.Load("imageTextN.png");
        using var context = harness.Run(frame);
        Assert.Equal(13, context.Get<DetectionsValue>("boxes").Items.Count);
        var lines = context.Get<DetectionsValue>("text").Items;
        Assert.Equal(13, lines.Count);
        Assert.Equal("technical details are too complex to cover in the book itself.", lines[0].Text);
        Assert.All(lines, l => Assert.True(l.TextScore >= 0.9f, $"'{l.Text}' read with confidence {l.TextScore}"));
        Assert.All(lines, l => Assert.Equal(4, l.Polygon!.Count));
    }

    [Fact]
    public void The_OCR_cascade_reads_headings_and_digits_on_the_sudoku_page()
    {
        using var harness = new GraphHarness(Ocr + "  - id: text\n    kind: model\n    input: lines\n    model: ppocr-rec\n");
        using var frame = GraphHarness.Load("sudoku.png");
        using var context = harness.Run(frame);
        var texts = context.Get<DetectionsValue>("text").Items.Select(d => d.Text).ToList();
        Assert.Contains("SUDOKU", texts);
        Assert.Contains("HARD", texts);
        Assert.True(texts.Count(t => t is { Length: 1 } && char.IsDigit(t[0])) >= 20, $"read only: {string.Join(" ", texts)}");
    }

    [Fact]
    public void ResNet_embeddings_are_close_for_crops_and_far_for_other_scenes()
    {
        using var harness = new GraphHarness("  - id: embedding\n    kind: model\n    input: image\n    model: resnet18\n");
        float[] Embed(Frame f)
        {
            using var context = harness.Run(f);
            return Assert.Single(context.Get<EmbeddingsValue>("embedding").Items).Vector;
        }
        using var messi = GraphHarness.Load("messi5.jpg");
        using var building = GraphHarness.Load("building.jpg");
        using var leftCrop = new Frame(new Mat(messi.Image, new Rect(0, 0, (int)(messi.Width * 0.8), messi.Height)).Clone(), "left", "left.png", 0);
        var full = Embed(messi);
        Assert.Equal(512, full.Length);
        Assert.All(full, v => Assert.True(v >= 0));
        Assert.True(EmbeddingDecoder.Cosine(full, Embed(leftCrop)) > 0.9);
        Assert.True(EmbeddingDecoder.Cosine(full, Embed(building)) < 0.5);
    }

    [Fact]
    public void The_detector_input_follows_PaddleOCRs_resize_rule()
    {
        Assert.Equal((544, 256), Nodes.Heads.TextDetectHead.DetectorInputSize(556, 257, 960));
        Assert.Equal((960, 544), Nodes.Heads.TextDetectHead.DetectorInputSize(1920, 1080, 960));
    }
}
