using VisionPipeline.Core.Errors;
using VisionPipeline.Datasets;
using VisionPipeline.Evaluation.Inputs;
using VisionPipeline.Evaluation.Inputs.Predictions;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Evaluation.Tests.Inputs;

/// <summary>The prediction formats land on the right image, category and pixel box.</summary>
public class PredictionReaderTests
{
    private static GroundTruthSet Truth() => new(new Dataset("/data",
        [new Category(3, "cat"), new Category(7, "dog")],
        [
            new DatasetImage(10, "train/a.jpg", 200, 100, []),
            new DatasetImage(11, "train/b.jpg", 400, 300, []),
        ]));

    [Fact]
    public void Results_jsonl_lines_match_images_by_path_and_labels_by_category_name()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("results.jsonl"),
        [
            """{"image":"train/b.jpg","width":400,"height":300,"detections":[{"node":"det","label":"dog","score":0.75,"box":[10,20,110,70]},{"node":"det","label":"zebra","score":0.5,"box":[0,0,1,1]},{"node":"other","label":"cat","score":0.5,"box":[0,0,1,1]}],"masks":[]}""",
            """{"image":"elsewhere/a.jpg","width":200,"height":100,"detections":[{"node":"det","label":"cat","score":0.25,"box":[1.5,2.5,3.5,4.5]}],"masks":[]}""",
            """{"image":"missing.jpg","width":1,"height":1,"detections":[],"masks":[]}""",
        ]);
        var problems = new List<string>();
        var predictions = ResultsJsonlReader.Read(dir.File("results.jsonl"), Truth(), "det", problems);

        Assert.Equal(2, predictions.Count);
        Assert.Equal(new PredictedObject(11, 7, new BoxXywh(10, 20, 100, 50), 0.75, null), predictions[0]);
        Assert.Equal((10L, 3L), (predictions[1].ImageId, predictions[1].CategoryId)); // matched by its file stem
        Assert.Equal(new BoxXywh(1.5, 2.5, 2, 2), predictions[1].Box);
        Assert.Contains(problems, p => p.Contains("label 'zebra'"));
        Assert.Contains(problems, p => p.Contains("'missing.jpg' is not in the ground truth"));
    }

    [Fact]
    public void YOLO_prediction_rows_are_denormalized_with_the_image_size_and_class_i_is_the_ith_category()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a.txt"), "1 0.5 0.5 0.2 0.4 0.9\n0 0.25 0.25 0.5 0.5 0.1\n");
        var problems = new List<string>();
        var predictions = YoloPredictionReader.Read(dir.Path, Truth(), problems);

        Assert.Empty(problems);
        Assert.Equal(new PredictedObject(10, 7, new BoxXywh(80, 30, 40, 40), 0.9, null), predictions[0]);
        Assert.Equal(new PredictedObject(10, 3, new BoxXywh(0, 0, 100, 50), 0.1, null), predictions[1]);

        File.WriteAllText(dir.File("b.txt"), "5 0.5 0.5 0.2 0.4 0.9\n");
        var e = Assert.Throws<VisionException>(() => YoloPredictionReader.Read(dir.Path, Truth(), problems));
        Assert.EndsWith("b.txt:1:1: class '5' is not one of 0..1", e.Message);
    }

    [Fact]
    public void COCO_results_with_an_unknown_field_type_name_the_result_and_the_values_line_and_column()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("r.json"), """[{"image_id":1,"category_id":2,"bbox":[1,2,3,4],"score":0.5},{"image_id":"x","category_id":2,"bbox":[1,2,3,4],"score":0.5}]""");
        var e = Assert.Throws<VisionException>(() => CocoResultsReader.Read(dir.File("r.json")));
        Assert.StartsWith($"{dir.File("r.json")}:1:74: result #1: ", e.Message);

        File.WriteAllText(dir.File("r.json"), "[\n {\"image_id\": 1, \"category_id\": 2, \"score\": 0.5}\n]");
        e = Assert.Throws<VisionException>(() => CocoResultsReader.Read(dir.File("r.json")));
        Assert.Equal($"{dir.File("r.json")}:2:2: result #0: a result needs a bbox or a segmentation", e.Message);

        File.WriteAllText(dir.File("r.json"), "[\n {\"image_id\": 1, \"category_id\": 2,, \"score\": 0.5}\n]");
        e = Assert.Throws<VisionException>(() => CocoResultsReader.Read(dir.File("r.json")));
        Assert.StartsWith($"{dir.File("r.json")}:2:35: not valid JSON: ", e.Message);
    }

    [Fact]
    public void Non_finite_confidences_and_repeated_records_are_reported_not_evaluated()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("pred"));
        File.WriteAllText(dir.File("pred/a.txt"), "0 0.5 0.5 0.2 0.2 nan\n");
        var e = Assert.Throws<VisionException>(() => YoloPredictionReader.Read(dir.File("pred"), Truth(), []));
        Assert.EndsWith("a.txt:1:19: 'nan' is not a finite number", e.Message);

        File.WriteAllLines(dir.File("results.jsonl"),
        [
            """{"image":"train/a.jpg","width":200,"height":100,"detections":[{"node":"det","label":"cat","score":0.5,"box":[0,0,10,10]}],"masks":[]}""",
            """{"image":"train/a.jpg","width":200,"height":100,"detections":[{"node":"det","label":"cat","score":0.5,"box":[0,0,10,10]}],"masks":[]}""",
        ]);
        var problems = new List<string>();
        var predictions = ResultsJsonlReader.Read(dir.File("results.jsonl"), Truth(), null, problems);
        Assert.True(predictions.Count == 1, $"a repeated record must not double the image's detections, got {predictions.Count}");
        Assert.Contains($"{dir.File("results.jsonl")}:2:10: image 'train/a.jpg' appears again; only its first record is used", problems);
    }

    [Fact]
    public void A_results_jsonl_error_names_the_line_and_the_column_of_the_value_in_characters()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("results.jsonl"),
        [
            """{"image":"train/b.jpg","width":200,"height":100,"detections":[],"masks":[]}""",
            """{"image":"train/a.jpg","width":200,"height":100,"detections":[{"node":"det","label":"cat","score":0.5,"box":[0,0,10]}],"masks":[]}""",
        ]);
        var e = Assert.Throws<VisionException>(() => ResultsJsonlReader.Read(dir.File("results.jsonl"), Truth(), null, []));
        Assert.Equal($"{dir.File("results.jsonl")}:2:109: box must be [x1, y1, x2, y2]", e.Message);

        File.WriteAllLines(dir.File("results.jsonl"), ["""{"image":"größe.jpg","width":"wide","height":100,"detections":[],"masks":[]}"""]);
        e = Assert.Throws<VisionException>(() => ResultsJsonlReader.Read(dir.File("results.jsonl"), Truth(), null, []));
        Assert.StartsWith($"{dir.File("results.jsonl")}:1:30: not a results record: ", e.Message);
    }

    [Fact]
    public void A_difficult_flag_ignores_an_object_only_in_VOC_ground_truth()
    {
        var dataset = new Dataset("/data", [new Category(1, "cat")],
        [
            new DatasetImage(1, "a.jpg", 100, 100,
            [
                new Annotation(1, 1, new BoxXywh(0, 0, 10, 10)) { Difficult = true },
            ]),
        ]);
        foreach (var voc in new[] { false, true })
        {
            var set = VisionPipeline.Evaluation.Detection.Coco.CocoResultsLoader.Load(new GroundTruthSet(dataset, difficultIsCrowd: voc), [],
                VisionPipeline.Evaluation.Detection.Coco.IouType.Bbox, "results.json");
            Assert.True(set.Problem.GroundTruths.Single().IsCrowd == voc, voc ? "VOC difficult must be ignored" : "COCO looks only at iscrowd");
        }
    }
}
