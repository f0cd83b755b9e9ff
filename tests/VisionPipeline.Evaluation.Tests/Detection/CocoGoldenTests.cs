using System.Text.Json;
using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Detection.Coco;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Evaluation.Tests.Detection;

/// <summary>
/// 60 random bbox problems (float boxes, zero-area boxes, partial areas, crowds, tied and rounded scores, an
/// unknown category, more than 100 detections on an image) whose 12 stats and per-class APs were computed by
/// numpy 1.24 running a line-by-line transcription of pycocotools' cocoeval.py (evaluate, accumulate, summarize;
/// bbIou in Python floats). pycocotools itself cannot be installed on this machine, numpy can: the fixture pins
/// numpy's arithmetic — linspace, searchsorted, pairwise np.mean — that the C# engine reproduces.
/// Fixture: Fixtures/coco-golden.json (generated, not hand-edited).
/// </summary>
public class CocoGoldenTests
{
    public static TheoryData<int> Cases() => new(Enumerable.Range(0, 60));

    private static readonly Lazy<JsonElement> Golden = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests/VisionPipeline.Evaluation.Tests/Fixtures/coco-golden.json"))).RootElement);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stats_and_per_class_AP_equal_numpy_COCOeval_bit_for_bit(int index)
    {
        var c = Golden.Value.GetProperty("cases")[index];
        var p = c.GetProperty("problem");
        var gts = p.GetProperty("gts").EnumerateArray().Select(g => new GroundTruthObject(
            g.GetProperty("id").GetInt64(), g.GetProperty("image_id").GetInt64(), g.GetProperty("category_id").GetInt64(),
            Box(g.GetProperty("bbox")), g.GetProperty("area").GetDouble(), g.GetProperty("iscrowd").GetInt32() != 0)).ToList();
        var dts = p.GetProperty("dts").EnumerateArray().Select(d => new DetectedObject(
            d.GetProperty("image_id").GetInt64(), d.GetProperty("category_id").GetInt64(), Box(d.GetProperty("bbox")),
            d.GetProperty("area").GetDouble(), d.GetProperty("score").GetDouble())).ToList();
        var problem = new CocoProblem(Longs(p.GetProperty("images")), Longs(p.GetProperty("categories")), gts, dts);

        var summary = CocoEvaluator.Evaluate(problem, new BoxIouMeasure(dts, gts)).Summarize();

        var expected = c.GetProperty("stats").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i].Equals(summary.Stats[i].Value),
                $"case {index} {summary.Stats[i].Name}: numpy {expected[i]:R}, ours {summary.Stats[i].Value:R}");
        foreach (var kv in c.GetProperty("per_class").EnumerateObject())
        {
            double ours = summary.PerClass[long.Parse(kv.Name)];
            Assert.True(kv.Value.GetDouble().Equals(ours), $"case {index} category {kv.Name}: numpy {kv.Value.GetDouble():R}, ours {ours:R}");
        }
    }

    private static BoxXywh Box(JsonElement e) => new(e[0].GetDouble(), e[1].GetDouble(), e[2].GetDouble(), e[3].GetDouble());

    private static List<long> Longs(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt64()).ToList();
}
