using Google.Protobuf;
using VisionPipeline.Core.Errors;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Inference.Onnx;
using VisionPipeline.Inference.Onnx.Proto;
using VisionPipeline.TestSupport;

namespace VisionPipeline.Inference.Tests;

/// <summary>What an ONNX file says about itself: read without its weights, and once per unchanged file.</summary>
public class OnnxModelInfoTests
{
    /// <summary>A model with a constant, a Constant node, an initializer listed among the inputs, and metadata.</summary>
    private static byte[] Generated()
    {
        var b = new OnnxModelBuilder("generated");
        var x = b.Input("images", -1, 3, 32, 48);
        var w = b.Constant([1, 2, 3, 4, 5, 6], 2, 3);
        var y = b.Add(b.Mul(x, b.ConstantNode([2], 1)), b.Constant([0.5f], 1), "y");
        b.Identity(w, "weights");
        b.Output(y, TensorProto.Types.DataType.Float, -1, 3, 32, 48);
        b.Output("weights", TensorProto.Types.DataType.Float, 2, 3);
        b.Metadata("task", "detect").Metadata("names", "{0: 'a', 1: 'b'}").Metadata("imgsz", "[32, 48]");
        var model = ModelProto.Parser.ParseFrom(b.ToBytes());
        // Old exporters list every initializer among the graph inputs too; those are not inputs a caller feeds.
        model.Graph.Input.Add(new ValueInfoProto { Name = w });
        return model.ToByteArray();
    }

    /// <summary>The info as a full parse of the file (weights included) gives it.</summary>
    private static OnnxModelInfo FullParse(byte[] bytes)
    {
        var model = ModelProto.Parser.ParseFrom(bytes);
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet();
        static TensorInfo Describe(ValueInfoProto v) => new(v.Name,
            v.Type?.TensorType?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1).ToArray() ?? [],
            ((TensorProto.Types.DataType)(v.Type?.TensorType?.ElemType ?? 0)).ToString().ToLowerInvariant());
        return new OnnxModelInfo(model.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Describe).ToList(),
            model.Graph.Output.Select(Describe).ToList(), model.MetadataProps.ToDictionary(p => p.Key, p => p.Value));
    }

    private static string Text(IReadOnlyList<TensorInfo> tensors) =>
        string.Join("; ", tensors.Select(t => $"{t.Name} [{string.Join(",", t.Shape)}] {t.ElementType}"));

    [Fact]
    public void The_info_read_without_the_weights_equals_the_full_parse()
    {
        using var temp = new TempDirectory();
        var bytes = Generated();
        File.WriteAllBytes(temp.File("m.onnx"), bytes);
        var expected = FullParse(bytes);
        var info = OnnxModelInfo.Read(temp.File("m.onnx"));
        Assert.Equal("images [-1,3,32,48] float", Text(info.Inputs));
        Assert.Equal(Text(expected.Inputs), Text(info.Inputs));
        Assert.Equal(Text(expected.Outputs), Text(info.Outputs));
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), info.Metadata.OrderBy(p => p.Key));
        Assert.Equal(["a", "b"], info.Names);
        Assert.Equal((48, 32), info.ImageSize);
    }

    [Fact]
    public void A_large_initializer_is_skipped_not_loaded()
    {
        using var temp = new TempDirectory();
        const int size = 64 << 20;
        var model = ModelProto.Parser.ParseFrom(Generated());
        model.Graph.Initializer.Add(new TensorProto
        {
            Name = "big", DataType = (int)TensorProto.Types.DataType.Float, Dims = { size / 4 }, RawData = ByteString.CopyFrom(new byte[size]),
        });
        using (var stream = File.Create(temp.File("big.onnx"))) model.WriteTo(stream);
        model = null;
        GC.Collect();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var info = OnnxModelInfo.Read(temp.File("big.onnx"));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("images", Assert.Single(info.Inputs).Name);
        Assert.True(allocated < size / 64, $"reading the info allocated {allocated:N0} bytes for a {size:N0}-byte initializer");
    }

    [Fact]
    public void The_info_is_read_once_per_unchanged_file_and_again_when_it_changes()
    {
        using var temp = new TempDirectory();
        var path = temp.File("m.onnx");
        File.WriteAllBytes(path, Generated());
        var first = OnnxModelInfo.Read(path);
        Assert.Same(first, OnnxModelInfo.Read(path));
        Assert.Same(first, OnnxModelInfo.Read(Path.Combine(temp.Path, ".", "m.onnx")));

        var changed = ModelProto.Parser.ParseFrom(Generated());
        changed.MetadataProps.Single(p => p.Key == "task").Value = "segment";
        File.WriteAllBytes(path, changed.ToByteArray());
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddMinutes(1));
        var second = OnnxModelInfo.Read(path);
        Assert.NotSame(first, second);
        Assert.Equal("segment", second.Task);
        Assert.Same(second, OnnxModelInfo.Read(path));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_a_configuration_error()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("fake.onnx"), "this is not a protobuf");
        var e = Assert.Throws<ConfigurationException>(() => OnnxModelInfo.Read(temp.File("fake.onnx")));
        Assert.Contains("not a readable ONNX model", e.Message);
    }
}
