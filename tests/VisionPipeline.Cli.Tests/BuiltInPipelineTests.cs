using VisionPipeline.Core.Results;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Cli.Tests;

/// <summary>The built-in pipelines other than `default` (covered by RunCommandTests), run on sample-images/.</summary>
public class BuiltInPipelineTests
{
    private static Dictionary<string, ImageRecord> RunPipeline(string name, TempDirectory output)
    {
        var result = VisionProcess.Run("run", "-i", "sample-images", "-o", output.Path, "-p", name, "-q");
        Assert.True(result.ExitCode == 0, result.ToString());
        return File.ReadAllLines(output.File("results.jsonl")).Select(ResultJson.Deserialize).ToDictionary(r => r.Image);
    }

    [Fact]
    public void The_ocr_pipeline_reads_known_text_and_writes_a_csv()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("ocr", output);
        var page = records["imageTextN.png"].Detections;
        Assert.Equal(13, page.Count);
        Assert.Equal("technical details are too complex to cover in the book itself.", page[0].Text);
        Assert.Contains(records["sudoku.png"].Detections, d => d.Text == "SUDOKU");
        var csv = File.ReadAllLines(output.File("results.csv"));
        Assert.Equal("image,node,label,score,x1,y1,x2,y2,text", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("imageTextN.png,text,text,") && l.EndsWith(",technical details are too complex to cover in the book itself."));
    }

    [Fact]
    public void The_faces_pipeline_embeds_each_face_crop()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("faces", output);
        var messi = records["messi5.jpg"];
        var face = Assert.Single(messi.Detections);
        var embedding = Assert.Single(messi.Embeddings!);
        Assert.Equal("face_embeddings", embedding.Node);
        Assert.Equal(512, embedding.Vector.Length);
        Assert.Equal(face.Box, embedding.Box);
        Assert.Null(records["fruits.jpg"].Embeddings);
        Assert.True(File.Exists(output.File("annotated/messi5.jpg")));
    }

    [Fact]
    public void The_people_pipeline_writes_the_mask_and_a_background_blurred_photo()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("people", output);
        var mask = Assert.Single(records["messi5.jpg"].Masks);
        Assert.InRange(mask.Area, 548 * 342 / 10, 548 * 342 / 3);
        Assert.True(File.Exists(output.File(mask.Path!)), "mask PNG missing");
        Assert.True(File.Exists(output.File("portrait/messi5.jpg")), "background-blurred photo missing");
    }

    // The people in the photos, boxed by hand by looking at them (x1, y1, x2, y2): Messi in messi5.jpg (the crowd behind
    // him is out of focus and not counted), the two men in basketball1.png.
    private static readonly Dictionary<string, float[][]> People = new()
    {
        ["messi5.jpg"] = [[70, 70, 480, 342]],
        ["basketball1.png"] = [[20, 60, 170, 480], [430, 0, 640, 480]],
    };

    [Fact]
    public void The_objects_pipeline_boxes_each_person_and_finds_none_on_fruit_an_orange_or_a_baboon()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("objects", output);
        foreach (var (image, people) in People)
        {
            var persons = records[image].Detections.Where(d => d.Label == "Person").ToList();
            foreach (var person in people)
            {
                double covered = Coverage(person, persons.Select(d => d.Box));
                Assert.True(covered >= 0.6, $"{image}: the Person boxes cover {covered:P0} of the person at [{string.Join(", ", person)}]");
            }
            foreach (var d in persons)
            {
                float cx = (d.Box[0] + d.Box[2]) / 2, cy = (d.Box[1] + d.Box[3]) / 2;
                Assert.True(people.Any(p => cx >= p[0] && cx <= p[2] && cy >= p[1] && cy <= p[3]),
                    $"{image}: Person box [{string.Join(", ", d.Box)}] ({d.Score:0.00}) is centred on no person");
            }
        }
        foreach (var image in new[] { "fruits.jpg", "orange.jpg", "baboon.jpg" })
            Assert.True(records[image].Detections.All(d => d.Label != "Person"),
                $"{image} shows no person but got {string.Join(", ", records[image].Detections.Select(d => $"{d.Label} {d.Score:0.00}"))}");
        Assert.True(File.Exists(output.File("annotated/basketball1.png")));
    }

    [Fact]
    public void The_default_pipeline_masks_people_only_where_it_found_a_person()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("default", output);
        foreach (var image in new[] { "fruits.jpg", "orange.jpg", "baboon.jpg", "building.jpg" })
            Assert.True(records[image].Masks.Count == 0, $"{image} shows no person but got a person mask of {records[image].Masks.Sum(m => m.Area)} pixels");
        foreach (var (image, people) in People)
        {
            var mask = Assert.Single(records[image].Masks);
            Assert.Equal("person", mask.Node);
            Assert.True(mask.Area > 5000, $"{image}: the person mask has only {mask.Area} pixels");
            Assert.True(File.Exists(output.File(mask.Path!)), $"{image}: mask PNG {mask.Path} missing");
        }
    }

    /// <summary>The share of <paramref name="region"/>'s pixels inside any of the boxes.</summary>
    private static double Coverage(float[] region, IEnumerable<float[]> boxes)
    {
        var list = boxes.ToList();
        int inside = 0, all = 0;
        for (int y = (int)region[1]; y < (int)region[3]; y++)
            for (int x = (int)region[0]; x < (int)region[2]; x++)
            {
                all++;
                if (list.Any(b => x + 0.5f >= b[0] && x + 0.5f <= b[2] && y + 0.5f >= b[1] && y + 0.5f <= b[3])) inside++;
            }
        return (double)inside / all;
    }

    // The landmark pipelines, checked against where the body parts are in the photos: positions read off the photos by
    // eye (and off the drawn output, which shows the skeleton on the limbs), with the margin a person would accept.

    [Fact]
    public void The_pose_pipeline_puts_the_landmarks_on_the_players_bodies()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("pose", output);
        // basketball1.png, the man on the left holding the ball: head at about (95, 120), shoulders at y 150-185,
        // hips at y 255-290, knees at y 330-375.
        var left = records["basketball1.png"].Detections.Where(d => d.Node == "pose" && d.Box[2] < 250).ToList();
        var man = Assert.Single(left);
        Assert.Equal("pose-33", man.Skeleton);
        Assert.Equal(33, man.Keypoints!.Length);
        Assert.Equal(33, man.KeypointScores!.Length);
        AssertNear(man, "nose", 95, 120, 20);
        foreach (var (name, y) in new[] { ("left_shoulder", 168f), ("right_shoulder", 168f), ("left_hip", 270f), ("right_hip", 270f), ("left_knee", 352f), ("right_knee", 352f) })
            Assert.True(Math.Abs(Point(man, name)[1] - y) <= 25, $"basketball1 {name} at y {Point(man, name)[1]:0}, expected about {y}");
        Assert.True(Score(man, "left_shoulder") > 0.9 && Score(man, "left_hip") > 0.9, "shoulders and hips in plain view should be visible");

        // messi5.jpg: the nose at about (250, 115), his left hand (right of the photo) at about (355, 160), his
        // left boot at about (400, 268).
        var messi = Assert.Single(records["messi5.jpg"].Detections, d => d.Node == "pose");
        AssertNear(messi, "nose", 250, 115, 15);
        AssertNear(messi, "left_wrist", 355, 160, 20);
        AssertNear(messi, "left_ankle", 400, 268, 30);
        foreach (var image in new[] { "fruits.jpg", "orange.jpg", "baboon.jpg" })
            Assert.DoesNotContain(records[image].Detections, d => d.Node == "pose");
    }

    [Fact]
    public void The_hands_pipeline_finds_messis_hand_and_its_21_landmarks_lie_on_it()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("hands", output);
        // messi5.jpg: his open left hand, right of centre, spans about x 338-382, y 148-182 (read off the photo).
        var hand = Assert.Single(records["messi5.jpg"].Detections, d => d.Node == "hands");
        Assert.Equal("hand-21", hand.Skeleton);
        Assert.Contains(hand.Label, new[] { "Left", "Right" });
        Assert.Equal(21, hand.Keypoints!.Length);
        foreach (var (p, i) in hand.Keypoints.Select((p, i) => (p, i)))
            Assert.True(p[0] >= 333 && p[0] <= 387 && p[1] >= 143 && p[1] <= 187, $"hand landmark {i} at ({p[0]:0}, {p[1]:0}) is off the hand");
        foreach (var image in new[] { "fruits.jpg", "orange.jpg", "baboon.jpg", "building.jpg" })
            Assert.DoesNotContain(records[image].Detections, d => d.Node == "hands");
    }

    [Fact]
    public void The_face_mesh_pipeline_lays_468_points_over_the_face()
    {
        using var output = new TempDirectory();
        var records = RunPipeline("face-mesh", output);
        var messi = records["messi5.jpg"];
        var face = Assert.Single(messi.Detections, d => d.Node == "faces");
        var mesh = Assert.Single(messi.Detections, d => d.Node == "mesh");
        Assert.Equal("face-468", mesh.Skeleton);
        Assert.Equal(468, mesh.Keypoints!.Length);
        // The mesh covers the face BlazeFace found; its nose tip (point 1) and eye corners (33, 263) lie inside it,
        // eyes level to within a few pixels (the face is upright in the photo).
        Assert.True(Iou(face.Box, mesh.Box) >= 0.5, $"mesh box [{string.Join(", ", mesh.Box)}] vs face [{string.Join(", ", face.Box)}]");
        foreach (var i in new[] { 1, 33, 263 })
        {
            var p = mesh.Keypoints[i];
            Assert.True(p[0] >= face.Box[0] && p[0] <= face.Box[2] && p[1] >= face.Box[1] && p[1] <= face.Box[3], $"mesh point {i} at ({p[0]:0}, {p[1]:0}) is outside the face");
        }
        Assert.True(Math.Abs(mesh.Keypoints[33][1] - mesh.Keypoints[263][1]) < 6, "the eyes should be level");
    }

    private static float[] Point(DetectionRecord d, string name) => d.Keypoints![Core.Targets.Skeleton.Pose33.Keypoints.ToList().IndexOf(name)];

    private static float Score(DetectionRecord d, string name) => d.KeypointScores![Core.Targets.Skeleton.Pose33.Keypoints.ToList().IndexOf(name)];

    private static void AssertNear(DetectionRecord d, string name, float x, float y, float tolerance)
    {
        var p = Point(d, name);
        double distance = Math.Sqrt((p[0] - x) * (p[0] - x) + (p[1] - y) * (p[1] - y));
        Assert.True(distance <= tolerance, $"{name} at ({p[0]:0}, {p[1]:0}) is {distance:0} px from where it is in the photo ({x}, {y})");
    }

    private static double Iou(float[] a, float[] b)
    {
        double w = Math.Max(0, Math.Min(a[2], b[2]) - Math.Max(a[0], b[0])), h = Math.Max(0, Math.Min(a[3], b[3]) - Math.Max(a[1], b[1]));
        double inter = w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }

    /// <summary>
    /// Landmarks MediaPipe's own JavaScript solutions found on the same photos with the same model files (recorded
    /// once in headless chromium: scripts/mediapipe-reference/README.md), in original-image pixels.
    /// </summary>
    private static System.Text.Json.JsonElement Reference(string key) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "VisionPipeline.Cli.Tests", "Reference", "mediapipe-js.json")))
            .RootElement.GetProperty(key).GetProperty("landmarks");

    private static List<double> Distances(float[][] ours, System.Text.Json.JsonElement reference) =>
        ours.Select((p, i) => Math.Sqrt(Math.Pow(p[0] - reference[i][0].GetDouble(), 2) + Math.Pow(p[1] - reference[i][1].GetDouble(), 2))).ToList();

    [Fact]
    public void Hand_and_pose_landmarks_agree_with_MediaPipes_own_solutions()
    {
        // Hands: the same palm detector, region and landmark model as MediaPipe's, so the points agree to a pixel.
        using (var output = new TempDirectory())
        {
            var hand = Assert.Single(RunPipeline("hands", output)["messi5.jpg"].Detections, d => d.Node == "hands");
            var distances = Distances(hand.Keypoints!, Reference("hands:messi5.jpg"));
            Assert.True(distances.Max() < 1.5, $"hand landmarks differ from MediaPipe's by up to {distances.Max():0.00} px (point {distances.IndexOf(distances.Max())})");
        }
        // Pose: MediaPipe finds the person with its own detector (which OpenCV DNN cannot run) and we with the SSD, so
        // the regions differ a little; after the second look the landmarks agree to a few pixels (measured: median
        // 4.3 px on messi5, 3.9 px on basketball1; the largest, 16 px, on a foot tip).
        using (var output = new TempDirectory())
        {
            var records = RunPipeline("pose", output);
            foreach (var image in new[] { "messi5.jpg", "basketball1.png" })
            {
                var reference = Reference("pose:" + image);
                var nose = new[] { (float)reference[0][0].GetDouble(), (float)reference[0][1].GetDouble() };
                var person = records[image].Detections.Where(d => d.Node == "pose")
                    .MinBy(d => Math.Abs(d.Keypoints![0][0] - nose[0]) + Math.Abs(d.Keypoints[0][1] - nose[1]))!;
                var distances = Distances(person.Keypoints!, reference).Order().ToList();
                Assert.True(distances[16] < 7, $"{image}: pose landmarks differ from MediaPipe's by a median {distances[16]:0.0} px");
                Assert.True(distances[^1] < 25, $"{image}: a pose landmark differs from MediaPipe's by {distances[^1]:0.0} px");
            }
        }
    }

    [Fact]
    public void Face_mesh_points_agree_with_MediaPipes_own_solution_through_every_stage_map()
    {
        // MediaPipe's face-mesh solution finds faces with the short-range BlazeFace, which needs a larger face than
        // messi5.jpg's: both ran on its face area enlarged 4 times (stage.crop + stage.resize here, the same image saved
        // for MediaPipe). Same detector, region and model: every one of the 468 points, mapped back through the turned
        // crop, the resize and the crop to messi5.jpg's pixels, lies within a fraction of a pixel of MediaPipe's.
        var pipeline = File.ReadAllText(Path.Combine(RepoPaths.Root, "pipelines", "face-mesh.yaml"))
            .Replace("model: blazeface-full", "model: blazeface-short")
            .Replace("  - id: faces\n    kind: model\n    input: image",
                "  - id: face_area\n    kind: stage.crop\n    input: image\n    x: 180\n    y: 60\n    width: 120\n    height: 120\n" +
                "  - id: zoomed\n    kind: stage.resize\n    input: face_area\n    scale: 4\n    interpolation: cubic\n" +
                "  - id: faces\n    kind: model\n    input: zoomed")
            .Replace("inputs: { image: image, detections: faces }", "inputs: { image: zoomed, detections: faces }");
        using var output = new TempDirectory();
        File.WriteAllText(output.File("zoomed-face-mesh.yaml"), pipeline);
        var result = VisionProcess.Run("run", "-i", "sample-images/messi5.jpg", "-o", output.File("out"), "-p", output.File("zoomed-face-mesh.yaml"), "-q");
        Assert.True(result.ExitCode == 0, result.ToString());
        var record = ResultJson.Deserialize(File.ReadAllLines(output.File("out/results.jsonl"))[0]);
        var mesh = Assert.Single(record.Detections, d => d.Node == "mesh");
        var distances = Distances(mesh.Keypoints!, Reference("face:messi5.jpg"));
        Assert.True(distances.Max() < 0.5, $"face-mesh point {distances.IndexOf(distances.Max())} differs from MediaPipe's by {distances.Max():0.00} px");
    }
}
