using VisionPipeline.Datasets.Formats;
using VisionPipeline.Datasets.Formats.Voc;
using VisionPipeline.Datasets.Formats.Yolo;
using VisionPipeline.Datasets.Tests.Fixtures;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Datasets.Tests.Formats;

/// <summary>Boxes without area (CocoReader only warns) are not written as negative sizes the readers reject.</summary>
public class EmptyBoxTests
{
    [Fact]
    public void Zero_and_negative_size_boxes_are_skipped_with_a_loss_by_yolo_and_voc()
    {
        var (w, h) = SampleDataset.Size("fruits.jpg");
        var dataset = new Dataset(RepoPaths.SampleImages, [new Category(1, "one")],
        [
            new DatasetImage(1, "fruits.jpg", w, h,
            [
                new Annotation(7, 1, new BoxXywh(10, 10, 0, 20)),
                new Annotation(8, 1, new BoxXywh(10, 10, 20, -5)),
                new Annotation(9, 1, new BoxXywh(10, 10, 20, 20)),
            ]),
        ]);
        foreach (var writer in new IDatasetWriter[] { new YoloWriter(), new VocWriter() })
        {
            using var output = new TempDirectory();
            var losses = new LossReport();
            writer.Write(dataset, output.Path, losses);
            Assert.Contains("boxes with zero or negative width or height not written: 2, e.g. annotation 7 in fruits.jpg", losses.Lines());
            var read = writer is YoloWriter ? YoloReader.Read(output.Path) : VocReader.Read(output.Path);
            var annotations = read.Images.Single().Annotations;
            Assert.True(annotations.Count == 1, $"{writer.GetType().Name}: only the box with an area must be written, read back {annotations.Count}");
            Assert.Empty(read.Warnings.Items);
        }
    }
}
