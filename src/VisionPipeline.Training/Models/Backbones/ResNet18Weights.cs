using System.Runtime.InteropServices;
using TorchSharp;
using VisionPipeline.Inference.Onnx.Proto;
using static TorchSharp.torch;

namespace VisionPipeline.Training.Models.Backbones;

/// <summary>
/// Loads the zoo's ResNet18.onnx (CNTK 2.6, opset 8) into a <see cref="ResNet18"/>: each Conv of the graph, with the
/// BatchNormalization that reads it, goes to the backbone's conv + batch-norm pair of the same place in graph order,
/// and the shapes, strides and epsilon must agree. The graph's asymmetric pads (3,3,2,2 on the stem, 1,1,0,0 on the
/// strided convolutions and the max-pool) equal symmetric padding on even-sized maps, which every multiple of 32 gives.
/// </summary>
public static class ResNet18Weights
{
    /// <summary>Copies the file's weights and running statistics into <paramref name="network"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not the graph this backbone mirrors; the message says where it differs.</exception>
    public static void Load(ResNet18 network, string path)
    {
        ModelProto model;
        try
        {
            using var stream = File.OpenRead(path);
            model = ModelProto.Parser.ParseFrom(stream);
        }
        catch (Exception e) when (e is IOException or Google.Protobuf.InvalidProtocolBufferException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the ResNet18 ONNX file: {e.Message}", e);
        }
        var graph = model.Graph ?? throw new InvalidDataException($"{path}: the ONNX file has no graph");
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var pairs = ConvBnPairs(graph, path);
        var layers = network.Layers.ToList();
        if (pairs.Count != layers.Count)
            throw new InvalidDataException($"{path}: the graph has {pairs.Count} convolutions followed by batch norm, the ResNet18 backbone {layers.Count}");

        Tensor Value(string name, long[] expected, string what, int index)
        {
            if (!initializers.TryGetValue(name, out var proto))
                throw new InvalidDataException($"{path}: {what} of convolution {index} ('{name}') is not a stored weight");
            var dims = proto.Dims.ToArray();
            if (!dims.SequenceEqual(expected))
                throw new InvalidDataException(
                    $"{path}: {what} of convolution {index} ('{name}') is [{string.Join(", ", dims)}], the backbone expects [{string.Join(", ", expected)}]");
            return tensor(Floats(proto, path), expected);
        }

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (int i = 0; i < layers.Count; i++)
        {
            var (conv, norm) = pairs[i];
            var layer = layers[i];
            var stride = Ints(conv, "strides") ?? [1, 1];
            if (!stride.SequenceEqual(layer.Conv.stride))
                throw new InvalidDataException($"{path}: convolution {i} ('{conv.Name}') has stride [{string.Join(", ", stride)}], the backbone [{string.Join(", ", layer.Conv.stride)}]");
            if (conv.Input.Count > 2)
                throw new InvalidDataException($"{path}: convolution {i} ('{conv.Name}') has a bias; the backbone's convolutions have none");
            float epsilon = norm.Attribute.FirstOrDefault(a => a.Name == "epsilon")?.F ?? 1e-5f;
            if (Math.Abs(epsilon - layer.Norm.eps) > 1e-9)
                throw new InvalidDataException($"{path}: batch norm {i} ('{norm.Name}') has epsilon {epsilon}, the backbone {layer.Norm.eps}");
            long channels = layer.Conv.weight!.shape[0];
            layer.Conv.weight.copy_(Value(conv.Input[1], layer.Conv.weight.shape, "the weight", i));
            layer.Norm.weight!.copy_(Value(norm.Input[1], [channels], "the batch-norm scale", i));
            layer.Norm.bias!.copy_(Value(norm.Input[2], [channels], "the batch-norm shift", i));
            layer.Norm.running_mean!.copy_(Value(norm.Input[3], [channels], "the batch-norm mean", i));
            layer.Norm.running_var!.copy_(Value(norm.Input[4], [channels], "the batch-norm variance", i));
        }
    }

    /// <summary>Each Conv node in graph order with the BatchNormalization node that reads its output.</summary>
    private static List<(NodeProto Conv, NodeProto Norm)> ConvBnPairs(GraphProto graph, string path)
    {
        var normsByInput = graph.Node.Where(n => n.OpType == "BatchNormalization").ToDictionary(n => n.Input[0], StringComparer.Ordinal);
        var pairs = new List<(NodeProto, NodeProto)>();
        foreach (var conv in graph.Node.Where(n => n.OpType == "Conv"))
        {
            if (!normsByInput.TryGetValue(conv.Output[0], out var norm))
                throw new InvalidDataException($"{path}: convolution '{conv.Name}' is not followed by batch norm, as every ResNet18 convolution is");
            pairs.Add((conv, norm));
        }
        return pairs;
    }

    private static long[]? Ints(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray();

    private static float[] Floats(TensorProto proto, string path)
    {
        if (proto.DataType != (int)TensorProto.Types.DataType.Float)
            throw new InvalidDataException($"{path}: weight '{proto.Name}' is {(TensorProto.Types.DataType)proto.DataType}, not float");
        return proto.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(proto.RawData.Span).ToArray() : proto.FloatData.ToArray();
    }
}
