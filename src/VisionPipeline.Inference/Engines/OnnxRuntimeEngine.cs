using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>
/// ONNX Runtime backend: one InferenceSession shared by all callers (ORT's Run is thread-safe). Runs go through
/// IO binding: the input is bound where it lies (our pooled buffer; the CUDA provider copies it to the device once)
/// and the outputs are allocated where the heads read them — ordinary memory on the CPU, page-locked host memory
/// with CUDA, which the device writes into directly — so no tensor is copied twice.
/// </summary>
public sealed class OnnxRuntimeEngine : IInferenceEngine
{
    private readonly InferenceSession _session;
    private readonly string[] _outputNames;
    private OrtMemoryInfo _outputMemory = OrtMemoryInfo.DefaultInstance;
    private readonly Action<string>? _warn;

    public OnnxRuntimeEngine(string modelPath, EngineOptions options)
    {
        ModelPath = modelPath;
        _warn = options.Warn;
        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        if (options.IntraOpThreads > 0) sessionOptions.IntraOpNumThreads = options.IntraOpThreads;
        if (options.InterOpThreads > 0) sessionOptions.InterOpNumThreads = options.InterOpThreads;

        Device = "cpu";
        if (options.Device == DeviceKind.Cuda)
        {
            try
            {
                sessionOptions.AppendExecutionProvider_CUDA(0);
                Device = "cuda";
                _outputMemory = new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA_PINNED, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.CpuOutput);
            }
            catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
            {
                options.Warn?.Invoke(
                    $"{modelPath}: CUDA is not available ({FirstLine(e.Message)}); running on the CPU. " +
                    "Build with -p:VisionGpu=true on a machine with an NVIDIA GPU and CUDA 12 to use it.");
            }
        }

        try
        {
            _session = new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new VisionException(modelPath, $"ONNX Runtime cannot load the model: {FirstLine(e.Message)}", inner: e);
        }

        Inputs = _session.InputMetadata.Select(kv => Describe(kv.Key, kv.Value)).ToArray();
        Outputs = _session.OutputMetadata.Select(kv => Describe(kv.Key, kv.Value)).ToArray();
        _outputNames = _session.OutputNames.ToArray();
    }

    public string EngineName => "onnxruntime";
    public string ModelPath { get; }
    public string Device { get; }
    public IReadOnlyList<TensorInfo> Inputs { get; }
    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Custom metadata stored in the ONNX file (Ultralytics puts names, stride, imgsz here).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _session.ModelMetadata.CustomMetadataMap;

    public EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        var names = new string[inputs.Count];
        var values = new OrtValue[inputs.Count];
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                names[i] = inputs[i].Name;
                values[i] = OrtValue.CreateTensorValueFromMemory(
                    OrtMemoryInfo.DefaultInstance, inputs[i].Memory, inputs[i].Shape.Select(d => (long)d).ToArray());
            }

            IDisposableReadOnlyCollection<OrtValue> results;
            try
            {
                try
                {
                    results = RunBound(names, values);
                }
                catch (OnnxRuntimeException e) when (!ReferenceEquals(_outputMemory, OrtMemoryInfo.DefaultInstance))
                {
                    // Page-locked outputs are an optimisation: a provider that cannot allocate them still runs.
                    _warn?.Invoke($"{ModelPath}: outputs in page-locked memory failed ({FirstLine(e.Message)}); using ordinary memory");
                    _outputMemory = OrtMemoryInfo.DefaultInstance;
                    results = RunBound(names, values);
                }
            }
            catch (OnnxRuntimeException e)
            {
                throw new VisionException(ModelPath, $"inference failed: {FirstLine(e.Message)}", inner: e);
            }
            return Wrap(results);
        }
        finally
        {
            foreach (var v in values) v?.Dispose();
        }
    }

    private IDisposableReadOnlyCollection<OrtValue> RunBound(string[] names, OrtValue[] values)
    {
        using var binding = _session.CreateIoBinding();
        for (int i = 0; i < names.Length; i++) binding.BindInput(names[i], values[i]);
        foreach (var name in _outputNames) binding.BindOutputToDevice(name, _outputMemory);
        using var runOptions = new RunOptions();
        _session.RunWithBinding(runOptions, binding);
        return binding.GetOutputValues();
    }

    private unsafe EngineOutputs Wrap(IDisposableReadOnlyCollection<OrtValue> results)
    {
        var tensors = new List<OutputTensor>(results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var value = results[i];
            var info = value.GetTensorTypeAndShape();
            var shape = info.Shape.Select(d => (int)d).ToArray();
            switch (info.ElementDataType)
            {
                case Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float:
                {
                    var span = value.GetTensorDataAsSpan<float>();
                    tensors.Add(new OutputTensor(_outputNames[i], shape, Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), span.Length, OutputElementType.Float32));
                    break;
                }
                case Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Int64:
                {
                    var span = value.GetTensorDataAsSpan<long>();
                    tensors.Add(new OutputTensor(_outputNames[i], shape, Unsafe.AsPointer(ref MemoryMarshal.GetReference(span)), span.Length, OutputElementType.Int64));
                    break;
                }
                default:
                    results.Dispose();
                    throw new VisionException(ModelPath,
                        $"output '{_outputNames[i]}' is {info.ElementDataType}; float32 and int64 outputs are supported");
            }
        }
        return new EngineOutputs(tensors, results);
    }

    private static TensorInfo Describe(string name, NodeMetadata meta) =>
        new(name, meta.IsTensor ? meta.Dimensions.Select(d => (long)d).ToArray() : [],
            meta.IsTensor ? meta.ElementDataType.ToString().ToLowerInvariant() : meta.OnnxValueType.ToString());

    private static string FirstLine(string message) => message.ReplaceLineEndings(" ").Trim();

    public void Dispose() => _session.Dispose();
}
