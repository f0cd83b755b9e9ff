using System.Globalization;
using System.Text;
using VisionPipeline.Graph.Definition;
using VisionPipeline.Graph.Execution;

namespace VisionPipeline.Graph.Nodes.Sinks;

/// <summary>YOLO label files: one line per detection, "class cx cy w h score", normalised to the frame size.</summary>
public sealed class YoloSink(string id, IReadOnlyList<string> inputs, string directory, IReadOnlyList<string> categories) : IGraphNode
{
    public string Id { get; } = id;
    public string Kind => "sink.yolo";
    public PortType? Output => null;

    public void Execute(FrameContext context)
    {
        double w = context.Frame.Width, h = context.Frame.Height;
        var text = new StringBuilder();
        foreach (var d in SinkInputs.Detections(context, inputs))
        {
            int category = Categories.IndexOf(categories, d.Label);
            if (category < 0) continue;
            var b = d.Box.ClipTo(context.Frame.Width, context.Frame.Height);
            text.AppendLine(string.Join(' ', category.ToString(CultureInfo.InvariantCulture),
                F((b.X1 + b.X2) / 2 / w), F((b.Y1 + b.Y2) / 2 / h), F(b.Width / w), F(b.Height / h), F(d.Score)));
        }
        var relative = Path.ChangeExtension(context.Frame.RelativePath, ".txt");
        AtomicFile.WriteAllBytes(context.Output.Full($"{directory}/{relative}"), Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
