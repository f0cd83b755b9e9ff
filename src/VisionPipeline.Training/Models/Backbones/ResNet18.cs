using TorchSharp;
using TorchSharp.Modules;
using VisionPipeline.Training.Export;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>
/// The zoo's ResNet18 (CNTK export, see docs/MODEL-ZOO.md §2): a 7×7/2 stem (64) and 3×3/2 max-pool, then basic
/// blocks of widths 64/128/256/512 in stages of 2, 2, 2 and 3 blocks (the last stage has one more block than the
/// textbook ResNet-18), and an adaptive global average pool, so any input whose sides are multiples of 32 works.
/// Input is ResNet's own space: BGR 0–255 minus the channel means (see <see cref="InputAdapter"/>).
/// </summary>
public sealed class ResNet18 : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    /// <summary>Width of the pooled features and of <c>C5</c>.</summary>
    public const int FeatureChannels = 512;

    /// <summary>The width of each stage (C2…C5) and its stride in input pixels.</summary>
    public static readonly (int Channels, int Stride)[] Stages = [(64, 4), (128, 8), (256, 16), (512, 32)];

    private static readonly int[] BlocksPerStage = [2, 2, 2, 3];

    private readonly ConvBn stem;
    private readonly ModuleList<BasicBlock> layer1;
    private readonly ModuleList<BasicBlock> layer2;
    private readonly ModuleList<BasicBlock> layer3;
    private readonly ModuleList<BasicBlock> layer4;

    public ResNet18() : base(nameof(ResNet18))
    {
        stem = new ConvBn(3, 64, 7, 2);
        var layers = new ModuleList<BasicBlock>[4];
        long width = 64;
        for (int s = 0; s < 4; s++)
        {
            long output = Stages[s].Channels;
            layers[s] = new ModuleList<BasicBlock>();
            for (int b = 0; b < BlocksPerStage[s]; b++)
            {
                layers[s].Add(new BasicBlock(width, output, b == 0 && s > 0 ? 2 : 1));
                width = output;
            }
        }
        (layer1, layer2, layer3, layer4) = (layers[0], layers[1], layers[2], layers[3]);
        RegisterComponents();
    }

    /// <summary>Every conv + batch-norm pair in the zoo graph's order (stem, then each block's projection and convolutions).</summary>
    public IEnumerable<ConvBn> Layers => new[] { stem }.Concat(StageLists.SelectMany(stage => stage).SelectMany(block => block.Layers));

    /// <summary>The four stages of blocks, C2 to C5.</summary>
    private IEnumerable<ModuleList<BasicBlock>> StageLists => [layer1, layer2, layer3, layer4];

    /// <summary>The pooled features [N, 512] (mean of C5 over height and width).</summary>
    public override Tensor forward(Tensor x)
    {
        var (c3, c4, c5) = Features(x);
        using (c3)
        using (c4)
        using (c5)
            return c5.mean([2, 3]);
    }

    /// <summary>The stage 2/3/4 maps: 128 channels at stride 8, 256 at stride 16, 512 at stride 32.</summary>
    public (Tensor C3, Tensor C4, Tensor C5) Features(Tensor x)
    {
        var (c2, c3, c4, c5) = Pyramid(x);
        c2.Dispose();
        return (c3, c4, c5);
    }

    /// <summary>All four stage maps, C2 (64 channels at stride 4) to C5 (512 at stride 32).</summary>
    public (Tensor C2, Tensor C3, Tensor C4, Tensor C5) Pyramid(Tensor x)
    {
        Tensor c2;
        using (var stemmed = stem.forward(x))
        using (var activated = nn.functional.relu(stemmed))
        using (var pooled = nn.functional.max_pool2d(activated, 3, 2, 1))
            c2 = Stage(layer1, pooled);
        var c3 = Stage(layer2, c2);
        var c4 = Stage(layer3, c3);
        var c5 = Stage(layer4, c4);
        return (c2, c3, c4, c5);
    }

    private static Tensor Stage(ModuleList<BasicBlock> blocks, Tensor x)
    {
        var current = blocks[0].forward(x);
        foreach (var block in blocks.Skip(1))
        {
            using var previous = current;
            current = block.forward(previous);
        }
        return current;
    }

    /// <summary>Exports the pooled features [N, 512].</summary>
    public string Export(OnnxExport onnx, string input) => onnx.Flatten(onnx.GlobalAveragePool(ExportPyramid(onnx, input).C5));

    /// <summary>Exports the stage 2/3/4 maps (see <see cref="Features"/>).</summary>
    public (string C3, string C4, string C5) ExportFeatures(OnnxExport onnx, string input)
    {
        var (_, c3, c4, c5) = ExportPyramid(onnx, input);
        return (c3, c4, c5);
    }

    /// <summary>Exports all four stage maps (see <see cref="Pyramid"/>).</summary>
    public (string C2, string C3, string C4, string C5) ExportPyramid(OnnxExport onnx, string input)
    {
        var pooled = onnx.MaxPool(onnx.Relu(stem.Export(onnx, input)), 3, 2, 1);
        var c2 = ExportStage(onnx, layer1, pooled);
        var c3 = ExportStage(onnx, layer2, c2);
        var c4 = ExportStage(onnx, layer3, c3);
        return (c2, c3, c4, ExportStage(onnx, layer4, c4));
    }

    private static string ExportStage(OnnxExport onnx, ModuleList<BasicBlock> blocks, string input) =>
        blocks.Aggregate(input, (x, block) => block.Export(onnx, x));
}
