using VisionPipeline.Inference.Onnx.Proto;

namespace VisionPipeline.Inference.Onnx;

/// <summary>
/// Reads what an ONNX file says about itself (graph inputs and outputs, initializer names, metadata_props) straight
/// from the protobuf wire format, seeking past everything else: the nodes, and the initializers' data (the weights),
/// are never read into memory. The few small messages it keeps are parsed with the generated ONNX types.
/// </summary>
internal sealed class OnnxHeaderReader(Stream stream)
{
    // Field numbers from the ONNX specification (onnx.proto).
    private const int ModelGraph = 7, ModelMetadataProps = 14;
    private const int GraphInitializer = 5, GraphInput = 11, GraphOutput = 12;
    private const int TensorName = 8;
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    /// <summary>The model's graph inputs, outputs and initializer names, and its metadata, in file order.</summary>
    public sealed record Header(List<ValueInfoProto> Inputs, List<ValueInfoProto> Outputs, HashSet<string> Initializers,
        List<StringStringEntryProto> Metadata, bool HasGraph);

    public Header Read()
    {
        var header = new Header([], [], new HashSet<string>(StringComparer.Ordinal), [], false);
        long end = stream.Length;
        while (stream.Position < end)
        {
            var (field, wire) = ReadTag(end);
            if (field == ModelGraph && wire == LengthDelimited)
            {
                // A message field written twice is merged: its repeated fields are appended.
                long graphEnd = LimitAfterLength(end);
                ReadGraph(graphEnd, header);
                header = header with { HasGraph = true };
            }
            else if (field == ModelMetadataProps && wire == LengthDelimited)
                header.Metadata.Add(StringStringEntryProto.Parser.ParseFrom(ReadBytes(end)));
            else
                Skip(wire, end);
        }
        return header;
    }

    private void ReadGraph(long end, Header header)
    {
        while (stream.Position < end)
        {
            var (field, wire) = ReadTag(end);
            if (wire != LengthDelimited)
            {
                Skip(wire, end);
                continue;
            }
            switch (field)
            {
                case GraphInput: header.Inputs.Add(ValueInfoProto.Parser.ParseFrom(ReadBytes(end))); break;
                case GraphOutput: header.Outputs.Add(ValueInfoProto.Parser.ParseFrom(ReadBytes(end))); break;
                case GraphInitializer:
                    if (ReadTensorName(LimitAfterLength(end)) is { } name) header.Initializers.Add(name);
                    break;
                default: Skip(wire, end); break;
            }
        }
        if (stream.Position != end) throw Malformed("a graph field runs past the end of the graph");
    }

    /// <summary>The name of a TensorProto, its data skipped.</summary>
    private string? ReadTensorName(long end)
    {
        string? name = null;
        while (stream.Position < end)
        {
            var (field, wire) = ReadTag(end);
            if (field == TensorName && wire == LengthDelimited) name = System.Text.Encoding.UTF8.GetString(ReadBytes(end));
            else Skip(wire, end);
        }
        if (stream.Position != end) throw Malformed("a tensor field runs past the end of the tensor");
        return name;
    }

    private (int Field, int Wire) ReadTag(long end)
    {
        ulong tag = ReadVarint(end);
        int field = (int)(tag >> 3), wire = (int)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue) throw Malformed($"invalid field tag {tag}");
        return (field, wire);
    }

    private ulong ReadVarint(long end)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (stream.Position >= end) throw Malformed("a varint runs past the end of its message");
            int b = stream.ReadByte();
            if (b < 0) throw Malformed("the file ends inside a varint");
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Malformed("a varint is longer than 10 bytes");
    }

    /// <summary>Reads a length prefix and returns where the field it announces ends.</summary>
    private long LimitAfterLength(long end)
    {
        ulong length = ReadVarint(end);
        if (length > (ulong)(end - stream.Position)) throw Malformed("a field's length runs past the end of its message");
        return stream.Position + (long)length;
    }

    private byte[] ReadBytes(long end)
    {
        long fieldEnd = LimitAfterLength(end);
        var bytes = new byte[fieldEnd - stream.Position];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private void Skip(int wire, long end)
    {
        if (wire == Varint)
        {
            ReadVarint(end);
            return;
        }
        long target = wire switch
        {
            Fixed64 => stream.Position + 8,
            LengthDelimited => LimitAfterLength(end),
            Fixed32 => stream.Position + 4,
            _ => throw Malformed($"unsupported wire type {wire}"),
        };
        if (target > end) throw Malformed("a field runs past the end of its message");
        stream.Seek(target, SeekOrigin.Begin);
    }

    private static IOException Malformed(string what) => new($"malformed protobuf: {what}");
}
