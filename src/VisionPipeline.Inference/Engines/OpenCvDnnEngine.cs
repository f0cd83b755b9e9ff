using OpenCvSharp;
using OpenCvSharp.Dnn;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>
/// OpenCV DNN backend for TFLite, Caffe, Darknet, TensorFlow and ONNX files. A cv::dnn::Net is not
/// thread-safe, so calls are serialised on one lock.
/// </summary>
public sealed class OpenCvDnnEngine : IInferenceEngine
{
    private readonly Net _net;
    private readonly object _gate = new();
    private readonly string[] _outputNames;

    /// <param name="declaredInputs">Input names and shapes as the model zoo or pipeline file declares them;
    /// OpenCV cannot report them before the first run.</param>
    public OpenCvDnnEngine(string modelPath, EngineOptions options, IReadOnlyList<TensorInfo>? declaredInputs = null)
    {
        ModelPath = modelPath;
        var configPath = options.ConfigPath ?? CompanionConfig(modelPath);
        if (options.Device == DeviceKind.Cuda)
            options.Warn?.Invoke($"{modelPath}: the OpenCV DNN engine runs on the CPU in this build; CUDA is used only with ONNX Runtime.");
        try
        {
            _net = CvDnn.ReadNet(modelPath, configPath ?? "") ?? throw new VisionException(modelPath, "OpenCV DNN returned no network");
        }
        catch (OpenCVException e)
        {
            throw new VisionException(modelPath, $"OpenCV DNN cannot load the model: {e.ErrMsg?.ReplaceLineEndings(" ")}", inner: e);
        }
        if (_net.Empty())
            throw new VisionException(modelPath, "OpenCV DNN loaded an empty network");
        _net.SetPreferableBackend(Backend.OPENCV);
        _net.SetPreferableTarget(Target.CPU);
        _outputNames = _net.GetUnconnectedOutLayersNames().Where(n => n is not null).Select(n => n!).ToArray();
        Inputs = declaredInputs ?? [];
        Outputs = _outputNames.Select(n => new TensorInfo(n, [], "float")).ToArray();
    }

    /// <summary>
    /// Caffe and Darknet models come in two files: weights (.caffemodel, .weights) and a network description
    /// (.prototxt, .cfg) with the same base name beside them. TensorFlow's optional text graph is .pbtxt.
    /// </summary>
    public static string? CompanionConfig(string modelPath)
    {
        string? extension = Path.GetExtension(modelPath).ToLowerInvariant() switch
        {
            ".caffemodel" => ".prototxt",
            ".weights" => ".cfg",
            ".pb" => ".pbtxt",
            _ => null,
        };
        if (extension is null) return null;
        var candidate = Path.ChangeExtension(modelPath, extension);
        if (File.Exists(candidate)) return candidate;
        if (extension == ".pbtxt") return null;
        throw new VisionException(modelPath, $"needs its network description {Path.GetFileName(candidate)} beside it (or give the config file explicitly)");
    }

    public string EngineName => "opencv-dnn";
    public string ModelPath { get; }
    public string Device => "cpu";
    public IReadOnlyList<TensorInfo> Inputs { get; }
    public IReadOnlyList<TensorInfo> Outputs { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();

    public unsafe EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        var outputs = _outputNames.Select(_ => new Mat()).ToArray();
        var owner = new MatGroup(outputs);
        try
        {
            lock (_gate)
            {
                var blobs = new List<Mat>(inputs.Count);
                var pins = new List<System.Buffers.MemoryHandle>(inputs.Count);
                try
                {
                    foreach (var input in inputs)
                    {
                        var pin = input.Memory.Pin();
                        pins.Add(pin);
                        var blob = Mat.FromPixelData(input.Shape, MatType.CV_32FC1, (IntPtr)pin.Pointer);
                        blobs.Add(blob);
                        // A single-input network is fed unnamed: TFLite and Caffe importers name inputs inconsistently.
                        if (inputs.Count == 1) _net.SetInput(blob);
                        else _net.SetInput(blob, input.Name);
                    }
                    _net.Forward(outputs, _outputNames);
                }
                catch (OpenCVException e)
                {
                    throw new VisionException(ModelPath, $"inference failed: {e.ErrMsg?.ReplaceLineEndings(" ")}", inner: e);
                }
                finally
                {
                    foreach (var b in blobs) b.Dispose();
                    foreach (var p in pins) p.Dispose();
                }
            }

            var tensors = new OutputTensor[outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                var m = outputs[i];
                if (m.Type() != MatType.CV_32FC1 || !m.IsContinuous())
                    throw new VisionException(ModelPath, $"output '{_outputNames[i]}' is not a continuous float32 tensor");
                var shape = Enumerable.Range(0, m.Dims).Select(d => m.Size(d)).ToArray();
                tensors[i] = new OutputTensor(_outputNames[i], shape, (float*)m.Data, (int)m.Total());
            }
            return new EngineOutputs(tensors, owner);
        }
        catch
        {
            owner.Dispose();
            throw;
        }
    }

    public void Dispose() => _net.Dispose();

    private sealed class MatGroup(Mat[] mats) : IDisposable
    {
        public void Dispose()
        {
            foreach (var m in mats) m.Dispose();
        }
    }
}
