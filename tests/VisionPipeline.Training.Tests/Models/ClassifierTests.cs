using VisionPipeline.Inference.Onnx;
using VisionPipeline.Training.Models.Classification;
using VisionPipeline.Training.Export;
using VisionPipeline.Training.Tests.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Models;

public sealed class ClassifierTests(ITestOutputHelper output)
{
    private static readonly string[] Classes = ["apple", "orange", "person's"];

    [Fact]
    public void The_exported_classifier_gives_torchsharps_probabilities_on_real_images()
    {
        using var classifier = Networks.Classifier(Classes.Length, seed: 1);
        var model = ClassifierExport.ToBytes([classifier], Classes, Networks.ClassifyInput);
        foreach (var image in new[] { "orange.jpg", "messi5.jpg" })
        {
            var pixels = SampleImages.Pack(image, Networks.ClassifyInput);
            var onnx = Ort.Run(model, OnnxModelWriter.InputName, pixels, [1, 3, 96, 96])["output0"];
            using var noGrad = no_grad();
            using var x = tensor(pixels, [1, 3, 96, 96]);
            using var logits = classifier.forward(x);
            using var probabilities = logits.softmax(1);
            var diff = Ort.AssertClose(probabilities, onnx, 1e-4, $"classifier probabilities on {image}");
            Assert.True(Math.Abs(onnx.Values.Sum() - 1) < 1e-4, $"the exported probabilities on {image} sum to {onnx.Values.Sum()}, not 1");
            output.WriteLine($"{image}: max |diff| {diff:G3}, probabilities [{string.Join(", ", onnx.Values.Select(v => v.ToString("F3")))}]");
        }
    }

    [Fact]
    public void An_ensemble_of_two_outputs_the_mean_of_its_members_probabilities()
    {
        using var first = Networks.Classifier(Classes.Length, seed: 2);
        using var second = Networks.Classifier(Classes.Length, seed: 3);
        var model = ClassifierExport.ToBytes([first, second], Classes, Networks.ClassifyInput);
        var pixels = SampleImages.Pack("fruits.jpg", Networks.ClassifyInput);
        var onnx = Ort.Run(model, OnnxModelWriter.InputName, pixels, [1, 3, 96, 96])["output0"];
        using var mean = Networks.MeanProbabilities(pixels, Networks.ClassifyInput, first, second);
        output.WriteLine($"max |diff| {Ort.AssertClose(mean, onnx, 1e-4, "ensemble probabilities"):G3}");
    }

    [Fact]
    public void A_frozen_backbone_does_not_change_in_a_training_step_while_the_head_does()
    {
        using var classifier = Networks.Classifier(Classes.Length, seed: 4);
        classifier.FreezeBackbone();
        classifier.train();
        var backboneBefore = classifier.Backbone.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());
        var headBefore = classifier.named_parameters().Where(p => p.name.StartsWith("head")).Select(p => p.parameter.clone()).ToList();
        Assert.Equal(2, headBefore.Count);
        Assert.All(classifier.Backbone.parameters(), p => Assert.False(p.requires_grad, "a frozen backbone parameter still requires a gradient"));

        using var optimizer = optim.SGD(classifier.parameters(), 0.1, momentum: 0.9, weight_decay: 1e-4);
        using var x = SampleImages.Batch(Networks.ClassifyInput, "orange.jpg", "messi5.jpg");
        using var labels = tensor(new long[] { 1, 2 });
        optimizer.zero_grad();
        using var logits = classifier.forward(x);
        using var loss = nn.functional.cross_entropy(logits, labels);
        loss.backward();
        optimizer.step();

        foreach (var (name, before) in backboneBefore)
            Assert.True(before.allclose(classifier.Backbone.state_dict()[name], 0, 0), $"the frozen backbone's {name} changed in a training step");
        var headAfter = classifier.named_parameters().Where(p => p.name.StartsWith("head")).Select(p => p.parameter).ToList();
        Assert.True(headBefore.Zip(headAfter).Any(p => !p.First.allclose(p.Second, 0, 0)), "the head did not learn in a training step");
    }

    [Fact]
    public void The_exported_model_describes_its_task_classes_size_and_preprocessing()
    {
        using var classifier = Networks.Classifier(Classes.Length, seed: 5);
        var path = Path.Combine(Path.GetTempPath(), $"classifier-{Guid.NewGuid():N}.onnx");
        try
        {
            ClassifierExport.Save(path, [classifier], Classes, Networks.ClassifyInput, new Dictionary<string, string> { ["epochs"] = "7" });
            var info = OnnxModelInfo.Read(path);
            Assert.Equal("classify", info.Task);
            Assert.Equal(Classes, info.Names);
            Assert.Equal((96, 96), info.ImageSize);
            Assert.Equal("7", info.Metadata["epochs"]);
            Assert.Contains("\"resize\":\"CenterCrop\"", info.Metadata["preprocessing"]);
            Assert.Contains("\"colors\":\"RGB\"", info.Metadata["preprocessing"]);
            Assert.Equal(new long[] { 1, 3, 96, 96 }, info.Inputs.Single().Shape);
            Assert.Equal("output0", info.Outputs.Single().Name);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
