using TorchSharp;
using VisionPipeline.Core.Tensors;
using VisionPipeline.Training.Tasks;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Tests.Fixtures;

/// <summary>
/// A deliberately tiny classification task (one convolution, dropout, a linear layer) that trains in well under a
/// second per epoch, so that the loop's own behaviour — determinism, resume, early stopping — can be tested quickly.
/// </summary>
internal sealed class TinyClassifyTask(IReadOnlyList<string> classes, int size = 32, double dropout = 0.3) : ITrainingTask
{
    public TaskKind Kind => TaskKind.Classify;
    public IReadOnlyList<string> Classes => classes;
    public string MetricName => "accuracy";

    public TensorSpec InputSpec => new()
    {
        Name = "images", Width = size, Height = size, Colors = ColorOrder.Rgb, Resize = ResizeMode.Stretch,
        Scale = 1 / 255f, Mean = [0.5f, 0.5f, 0.5f], Std = [0.25f, 0.25f, 0.25f],
    };

    public nn.Module<Tensor, Tensor> CreateNetwork() => new Network(classes.Count, dropout);

    public Tensor Loss(nn.Module<Tensor, Tensor> network, Batch batch) =>
        nn.functional.cross_entropy(network.call(batch.Images), batch.Labels!);

    public IValidation StartValidation(nn.Module<Tensor, Tensor> network) => new Accuracy(network);

    public void Export(IReadOnlyList<nn.Module<Tensor, Tensor>> members, string path, IReadOnlyDictionary<string, string> metadata) =>
        throw new NotSupportedException("the test task is not exported");

    private sealed class Network : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> conv = nn.Conv2d(3, 8, 3, padding: 1);
        private readonly nn.Module<Tensor, Tensor> drop;
        private readonly nn.Module<Tensor, Tensor> fc;

        public Network(int classes, double dropout) : base("tiny")
        {
            drop = nn.Dropout(dropout);
            fc = nn.Linear(8, classes);
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            using var features = nn.functional.relu(conv.call(x));
            using var pooled = features.mean([2, 3]);
            using var dropped = drop.call(pooled);
            return fc.call(dropped);
        }
    }

    private sealed class Accuracy(nn.Module<Tensor, Tensor> network) : IValidation
    {
        private double _loss;
        private long _right, _count;

        public float Add(Batch batch)
        {
            using var logits = network.call(batch.Images);
            using var loss = nn.functional.cross_entropy(logits, batch.Labels!);
            using var predicted = logits.argmax(1);
            using var right = predicted.eq(batch.Labels!).sum();
            _right += right.item<long>();
            _count += batch.Count;
            _loss += loss.item<float>() * batch.Count;
            return loss.item<float>();
        }

        public ValidationResult Finish()
        {
            double accuracy = (double)_right / _count;
            return new ValidationResult(_loss / _count, accuracy, new Dictionary<string, double> { ["accuracy"] = accuracy });
        }
    }
}
