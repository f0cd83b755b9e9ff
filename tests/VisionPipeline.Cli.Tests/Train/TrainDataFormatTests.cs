using OpenCvSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Graph.Definition.Decoding;
using VisionPipeline.Training.Data;
using VisionPipeline.Training.Tasks;

namespace VisionPipeline.Cli.Tests.Train;

/// <summary>
/// Training reads every format `vision dataset` reads: the same synthetic set written as COCO, YOLO and VOC (by
/// `vision dataset convert`) gives the trainer the same boxes, and a mask folder and its COCO conversion the same
/// per-pixel classes.
/// </summary>
public sealed class TrainDataFormatTests
{
    private static readonly TensorSpec Input = DecoderKinds.Yolo.DefaultSpec(new TensorSpec { Name = "images", Width = 128, Height = 128 });

    [Fact]
    public void Coco_yolo_and_voc_copies_of_a_detection_set_give_the_trainer_the_same_boxes()
    {
        using var run = new TrainRun().Synth("detect", images: 20);
        var coco = Path.Combine(run.Data, "train", "annotations.json");
        var reference = BoxesByImage(coco);
        Assert.True(reference.Values.Sum(b => b.Length) > 0, "the synthetic set has no boxes");
        foreach (var format in new[] { "yolo", "voc" })
        {
            var copy = Convert(run, coco, format);
            var boxes = BoxesByImage(copy);
            Assert.Equal(reference.Keys.Order(), boxes.Keys.Order());
            foreach (var (image, expected) in reference)
            {
                var actual = boxes[image];
                Assert.True(expected.Length == actual.Length, $"{format}: {image} has {actual.Length} boxes, COCO {expected.Length}");
                foreach (var (e, a) in expected.Zip(actual))
                    Assert.True(e.ClassId == a.ClassId && Near(e.X1, a.X1) && Near(e.Y1, a.Y1) && Near(e.X2, a.X2) && Near(e.Y2, a.Y2),
                        $"{format}: {image} box {a} differs from COCO's {e}");
            }
        }
    }

    [Fact]
    public void A_mask_folder_and_its_coco_copy_give_the_trainer_the_same_classes_per_pixel()
    {
        using var run = new TrainRun().Synth("segment", images: 10);
        var masks = Path.Combine(run.Data, "train");
        var reference = ClassMaps(masks);
        var copy = ClassMaps(Convert(run, masks, "coco"));
        Assert.Equal(reference.Keys.Order(), copy.Keys.Order());
        foreach (var (image, expected) in reference)
        {
            using var a = expected;
            using var b = copy[image];
            using var differ = new Mat();
            Cv2.Compare(a, b, differ, CmpTypes.NE);
            double share = Cv2.CountNonZero(differ) / (double)(a.Rows * a.Cols);
            Assert.True(share <= 0.01, $"{image}: {share:P2} of its pixels get another class from the COCO copy");
        }
    }

    private static string Convert(TrainRun run, string input, string format)
    {
        var output = Path.Combine(run.Data, $"as-{format}");
        var converted = VisionProcess.Run("dataset", "convert", "--input", input, "--output", output, "--to", format);
        Assert.True(converted.ExitCode == 0, converted.ToString());
        return output;
    }

    private static Dictionary<string, DetectionTarget[]> BoxesByImage(string path)
    {
        var data = TrainingData.Open(TaskKind.Detect, path, null, null, 0.2, 0);
        var images = data.Train.Concat(data.Validation).ToList();
        var encoder = new SampleEncoder(data, Input, augmenter: null, seed: 0);
        return Enumerable.Range(0, images.Count).ToDictionary(i => Path.GetFileName(images[i].FilePath),
            i => encoder.Encode(images, i, 0, augment: false).Boxes!.OrderBy(b => b.X1).ThenBy(b => b.Y1).ToArray());
    }

    private static Dictionary<string, Mat> ClassMaps(string path)
    {
        var data = TrainingData.Open(TaskKind.Segment, path, null, null, 0.2, 0);
        var encoder = new SampleEncoder(data, Input, augmenter: null, seed: 0);
        return data.Train.Concat(data.Validation).ToDictionary(i => Path.GetFileName(i.FilePath), encoder.ClassIndexMap);
    }

    private static bool Near(float a, float b) => Math.Abs(a - b) <= 1f;
}
