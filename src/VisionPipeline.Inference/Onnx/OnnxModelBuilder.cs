using System.Runtime.InteropServices;
using Google.Protobuf;
using VisionPipeline.Inference.Onnx.Proto;

namespace VisionPipeline.Inference.Onnx;

/// <summary>
/// Writes small ONNX models: inputs, constant weights, nodes and outputs, with metadata. Tests build models whose
/// outputs are known functions of their input in every real-world output layout; trained heads are exported with it.
/// </summary>
public sealed class OnnxModelBuilder(string graphName, int opset = 17)
{
    private readonly GraphProto _graph = new() { Name = graphName };
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private int _next;

    /// <summary>Declares a float input; a dimension of -1 is dynamic.</summary>
    public string Input(string name, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(name, TensorProto.Types.DataType.Float, dims));
        return name;
    }

    /// <summary>Declares an output (shape optional: the runtime infers it).</summary>
    public void Output(string name, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float, params long[] dims) =>
        _graph.Output.Add(ValueInfo(name, type, dims));

    public string Constant(float[] values, params long[] dims)
    {
        if (values.Length != dims.Aggregate(1L, (a, d) => a * d))
            throw new ArgumentException($"{values.Length} values do not fill a [{string.Join(",", dims)}] tensor");
        var tensor = new TensorProto { Name = Fresh("const"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>
    /// A float initializer stored as little-endian raw bytes (compact and fast for millions of weights); the name is
    /// fresh unless given.
    /// </summary>
    public string Initializer(ReadOnlySpan<float> values, long[] dims, string? name = null)
    {
        if (values.Length != dims.Aggregate(1L, (a, d) => a * d))
            throw new ArgumentException($"{values.Length} values do not fill a [{string.Join(",", dims)}] tensor");
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("ONNX raw data is little-endian");
        var tensor = new TensorProto { Name = name ?? Fresh("weight"), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A Constant node (the value lives in the graph's nodes rather than its initializers).</summary>
    public string ConstantNode(float[] values, params long[] dims)
    {
        var tensor = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return Node("Constant", [], null, new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
    }

    public string ConstantInt64(long[] values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh("const"), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.AddRange(dims);
        tensor.Int64Data.AddRange(values);
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node; returns the name of its (first) output, which is <paramref name="output"/> when given.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, string? output = null, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh(opType) };
        node.Input.AddRange(inputs);
        node.Output.Add(output ?? Fresh(opType.ToLowerInvariant()));
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return node.Output[0];
    }

    /// <summary>Splits <paramref name="x"/> along <paramref name="axis"/> into parts of the given sizes; returns their names.</summary>
    public string[] Split(string x, long[] sizes, long axis)
    {
        var node = new NodeProto { OpType = "Split", Name = Fresh("Split") };
        node.Input.Add(x);
        node.Input.Add(ConstantInt64(sizes, sizes.Length));
        var outputs = sizes.Select(_ => Fresh("split")).ToArray();
        node.Output.AddRange(outputs);
        node.Attribute.Add(Int("axis", axis));
        _graph.Node.Add(node);
        return outputs;
    }

    public string Identity(string x, string? output = null) => Node("Identity", [x], output);
    public string Sigmoid(string x, string? output = null) => Node("Sigmoid", [x], output);
    public string Softmax(string x, long axis, string? output = null) => Node("Softmax", [x], output, Int("axis", axis));
    public string Add(string a, string b, string? output = null) => Node("Add", [a, b], output);
    public string Mul(string a, string b, string? output = null) => Node("Mul", [a, b], output);
    public string GlobalAveragePool(string x) => Node("GlobalAveragePool", [x]);
    public string Concat(long axis, string? output, params string[] inputs) => Node("Concat", inputs, output, Int("axis", axis));
    public string Transpose(string x, long[] perm, string? output = null) => Node("Transpose", [x], output, Ints("perm", perm));
    public string Reshape(string x, long[] shape, string? output = null) => Node("Reshape", [x, ConstantInt64(shape, shape.Length)], output);
    public string Cast(string x, TensorProto.Types.DataType to, string? output = null) => Node("Cast", [x], output, Int("to", (long)to));

    /// <summary>Y = A·B + C (B transposed when <paramref name="transB"/>).</summary>
    public string Gemm(string a, string b, string c, bool transB = false, string? output = null) =>
        Node("Gemm", [a, b, c], output, Int("transB", transB ? 1 : 0));

    public string Conv(string x, string weights, string? bias, long[] kernel, long[]? strides = null, long[]? pads = null, string? output = null) =>
        Node("Conv", bias is null ? [x, weights] : [x, weights, bias], output,
            Ints("kernel_shape", kernel), Ints("strides", strides ?? [1, 1]), Ints("pads", pads ?? [0, 0, 0, 0]));

    public string Resize(string x, float[] scales, string mode = "nearest", string? output = null) =>
        Node("Resize", [x, "", Constant(scales, scales.Length)], output, Text("mode", mode));

    public OnnxModelBuilder Metadata(string key, string value)
    {
        _metadata[key] = value;
        return this;
    }

    public byte[] ToBytes()
    {
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "VisionPipeline",
            ProducerVersion = "1",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        foreach (var (key, value) in _metadata) model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model.ToByteArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, ToBytes());

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Ints(string name, long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Text(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private string Fresh(string prefix) => $"{prefix}_{_next++}";

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] dims)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims.Length > 0)
        {
            tensor.Shape = new TensorShapeProto();
            for (int i = 0; i < dims.Length; i++)
                tensor.Shape.Dim.Add(dims[i] >= 0
                    ? new TensorShapeProto.Types.Dimension { DimValue = dims[i] }
                    : new TensorShapeProto.Types.Dimension { DimParam = $"{name}_d{i}" });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
