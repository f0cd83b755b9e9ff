using OpenCvSharp;
using OpenCvSharp.Dnn;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>
/// OpenCV DNN backend for TFLite, Caffe, Darknet, TensorFlow and ONNX files. A cv::dnn::Net is not thread-safe, and
/// OpenCV may hand out its outputs as views of the net's own buffers; so each run takes a net of its own from a pool
/// (loading another when all are busy: one per worker at most) and gives it back only when its outputs are
/// disposed. One net behind a lock made the workers of light pipelines take turns: `faces` and `people` spent
/// their time waiting for the face detector or the person segmenter on a second core that sat idle.
/// </summary>
public sealed class OpenCvDnnEngine : IInferenceEngine
{
    private readonly string? _configPath;
    private readonly System.Collections.Concurrent.ConcurrentBag<Net> _idle = [];
    private readonly List<Net> _loaded = [];
    private readonly string[] _outputNames;

    /// <param name="declaredInputs">Input names and shapes as the model zoo or pipeline file declares them;
    /// OpenCV cannot report them before the first run.</param>
    public OpenCvDnnEngine(string modelPath, EngineOptions options, IReadOnlyList<TensorInfo>? declaredInputs = null)
    {
        ModelPath = modelPath;
        _configPath = options.ConfigPath ?? CompanionConfig(modelPath);
        if (options.Device == DeviceKind.Cuda)
            options.Warn?.Invoke($"{modelPath}: the OpenCV DNN engine runs on the CPU in this build; CUDA is used only with ONNX Runtime.");
        var first = Load();
        _outputNames = first.GetUnconnectedOutLayersNames().Where(n => n is not null).Select(n => n!).ToArray();
        _idle.Add(first);
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

    private Net Load()
    {
        Net net;
        try
        {
            net = CvDnn.ReadNet(ModelPath, _configPath ?? "") ?? throw new VisionException(ModelPath, "OpenCV DNN returned no network");
        }
        catch (OpenCVException e)
        {
            throw new VisionException(ModelPath, $"OpenCV DNN cannot load the model: {e.ErrMsg?.ReplaceLineEndings(" ")}", inner: e);
        }
        if (net.Empty())
        {
            net.Dispose();
            throw new VisionException(ModelPath, "OpenCV DNN loaded an empty network");
        }
        net.SetPreferableBackend(Backend.OPENCV);
        net.SetPreferableTarget(Target.CPU);
        lock (_loaded) _loaded.Add(net);
        return net;
    }

    public unsafe EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        var net = _idle.TryTake(out var idle) ? idle : Load();
        var outputs = _outputNames.Select(_ => new Mat()).ToArray();
        var owner = new Lease(outputs, () => _idle.Add(net));
        try
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
                    if (inputs.Count == 1) net.SetInput(blob);
                    else net.SetInput(blob, input.Name);
                }
                net.Forward(outputs, _outputNames);
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

    public void Dispose()
    {
        lock (_loaded)
        {
            foreach (var net in _loaded) net.Dispose();
            _loaded.Clear();
        }
    }

    /// <summary>A run's outputs (views of its net's buffers): disposing them gives the net back to the pool.</summary>
    private sealed class Lease(Mat[] mats, Action giveBack) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            foreach (var m in mats) m.Dispose();
            giveBack();
        }
    }
}
