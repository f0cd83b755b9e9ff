using OpenCvSharp;
using VisionPipeline.Augmentation.Composition;
using VisionPipeline.Augmentation.Samples;
using VisionPipeline.Augmentation.Tests.Support;
using VisionPipeline.Augmentation.Transforms;
using VisionPipeline.Augmentation.Transforms.Geometric;
using VisionPipeline.Augmentation.Transforms.Photometric;

namespace VisionPipeline.Augmentation.Tests.Composition;

public class ReproducibilityTests
{
    /// <summary>A recipe touching every kind of randomness: probabilities, one_of, some_of, OpenCV noise fields.</summary>
    private static Augmenter Recipe() => new(
    [
        new HorizontalFlip { Probability = 0.5 },
        new OneOf([new Rotate(new(-30, 30)), new Perspective(new(0.02, 0.1)), new ElasticDistortion(30, 6)]) { Probability = 0.9 },
        new SomeOf(2, [new BrightnessContrast(new(-0.2, 0.2), new(-0.2, 0.2)), new GaussianNoise(new(5, 15)), new IsoNoise(new(0.01, 0.05), new(0.1, 0.5)), new CoarseDropout(1, 3, 0.2)]),
        new RandomResizedCrop(96, 96) { Probability = 0.7 },
    ]);

    private static (byte[] Image, string Boxes) Run(Augmenter augmenter, int index)
    {
        using var sample = new RectangleCase(128, 112, 20 + index, 30, 50, 40, index).Build();
        augmenter.Augment(sample, 2024, index, 1);
        return (MatAssert.Bytes(sample.Image), string.Join(";", sample.Objects.Select(o => o.Box)));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_whatever_the_thread_count()
    {
        var augmenter = Recipe();
        var sequential = Enumerable.Range(0, 16).Select(i => Run(augmenter, i)).ToArray();
        var parallel = new (byte[] Image, string Boxes)[16];
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = Run(augmenter, i));
        for (int i = 0; i < 16; i++)
        {
            Assert.True(sequential[i].Image.AsSpan().SequenceEqual(parallel[i].Image), $"sample {i}: the image bytes differ between 1 and 4 threads");
            Assert.Equal(sequential[i].Boxes, parallel[i].Boxes);
        }
    }

    [Fact]
    public void Different_copies_of_a_sample_differ()
    {
        var augmenter = new Augmenter([new Rotate(new(-45, 45))]);
        using var a = new RectangleCase(64, 64, 10, 10, 20, 20, 1).Build();
        using var b = new RectangleCase(64, 64, 10, 10, 20, 20, 1).Build();
        var first = augmenter.Augment(a, 5, 0, 0);
        var second = augmenter.Augment(b, 5, 0, 1);
        Assert.NotEqual(((RotateParams)first[0].Params).Angle, ((RotateParams)second[0].Params).Angle);
    }

    [Fact]
    public void A_recorded_call_replays_to_the_same_bytes_through_json()
    {
        var augmenter = Recipe();
        for (int index = 0; index < 8; index++)
        {
            using var original = new RectangleCase(128, 112, 20, 30, 50, 40, index).Build();
            var steps = augmenter.Augment(original, 99, index, 0);
            string json = Augmenter.ToJson(steps);

            using var replayed = new RectangleCase(128, 112, 20, 30, 50, 40, index).Build();
            augmenter.Replay(replayed, augmenter.ReadRecord(json));
            MatAssert.Identical(original.Image, replayed.Image, $"sample {index} replayed from {json}");
            Assert.Equal(original.Objects.Select(o => o.Box), replayed.Objects.Select(o => o.Box));
        }
    }

    [Fact]
    public void A_probability_applies_a_transform_about_that_often()
    {
        var augmenter = new Augmenter([new HorizontalFlip { Probability = 0.3 }]);
        int applied = 0;
        using var image = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(0));
        for (int i = 0; i < 2000; i++)
        {
            using var sample = Sample.Borrowing(image);
            applied += augmenter.Augment(sample, 1, i, 0).Count;
        }
        Assert.InRange(applied, 520, 680);
    }

    [Fact]
    public void One_of_applies_exactly_one_child_and_some_of_exactly_n()
    {
        var oneOf = new Augmenter([new OneOf([new HorizontalFlip(), new VerticalFlip(), new ToGray()])]);
        var someOf = new Augmenter([new SomeOf(2, [new HorizontalFlip(), new VerticalFlip(), new ToGray(), new Equalize()])]);
        using var image = new Mat(4, 4, MatType.CV_8UC3, Scalar.All(9));
        var seen = new HashSet<string>();
        for (int i = 0; i < 200; i++)
        {
            using var a = Sample.Borrowing(image);
            var steps = oneOf.Augment(a, 3, i, 0);
            Assert.Single(steps);
            seen.Add(steps[0].Name);
            using var b = Sample.Borrowing(image);
            var picked = someOf.Augment(b, 3, i, 0);
            Assert.Equal(2, picked.Select(s => s.Transform).Distinct().Count());
        }
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void A_borrowed_image_is_never_written_to()
    {
        using var image = new Mat(32, 32, MatType.CV_8UC3, Scalar.All(77));
        using var copy = image.Clone();
        using (var sample = Sample.Borrowing(image))
            new Augmenter([new GaussianNoise(new(10, 10)), new HorizontalFlip()]).Augment(sample, 1, 0, 0);
        MatAssert.Identical(copy, image, "the caller's image after augmenting a borrowed sample");
    }
}
