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
}
