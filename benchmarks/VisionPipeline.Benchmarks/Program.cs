using BenchmarkDotNet.Running;
using VisionPipeline.Benchmarks.Augmentation;
using VisionPipeline.Benchmarks.Yolo;

if (args.Length > 0 && args[0] == "--augment-medians")
{
    InterleavedMedians.Run(args.Length > 1 ? int.Parse(args[1]) : 400);
    return;
}
if (args.Length > 0 && args[0] == "--make-yolov8n")
{
    var path = args.Length > 1 ? args[1] : "yolov8n-shaped.onnx";
    YoloV8nShapedModel.Write(path, "/usr/share/doc/opencv-doc/examples/data/dnn/object_detection_classes_yolov3.txt");
    Console.WriteLine($"wrote {path}");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
