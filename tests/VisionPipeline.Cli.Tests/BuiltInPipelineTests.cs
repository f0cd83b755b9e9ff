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
}
