using VisionPipeline.Core.Tensors;

namespace VisionPipeline.Inference.Engines;

/// <summary>
/// Dynamic batching for a model whose batch dimension is free: single-item runs that arrive from several workers
/// within <see cref="EngineOptions.BatchWait"/> of each other, with the same input shapes, are stacked into one run
/// of up to <see cref="EngineOptions.MaxBatch"/> items, and each caller gets its own slice of the outputs. Runs
/// that are already batched (a text recogniser's lines on a GPU) pass straight through.
/// </summary>
public sealed class BatchingEngine : WrappingEngine
{
    private readonly int _maxBatch;
    private readonly TimeSpan _wait;
    private readonly Dictionary<string, Group> _open = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _engineRuns;

    private BatchingEngine(IInferenceEngine inner, int maxBatch, TimeSpan wait) : base(inner)
    {
        _maxBatch = maxBatch;
        _wait = wait;
    }

    /// <summary>The engine itself when batching does not apply (batch 1, or a fixed batch dimension).</summary>
    public static IInferenceEngine Wrap(IInferenceEngine engine, EngineOptions options) =>
        options.MaxBatch > 1 && HasFreeBatchDimension(engine) ? new BatchingEngine(engine, options.MaxBatch, options.BatchWait) : engine;

    /// <summary>Every input and output declares a dynamic first dimension.</summary>
    public static bool HasFreeBatchDimension(IInferenceEngine engine) =>
        engine.Inputs.Count > 0 && engine.Outputs.Count > 0 &&
        engine.Inputs.Concat(engine.Outputs).All(t => t.Shape.Length > 0 && t.Shape[0] < 0);

    public int MaxBatch => _maxBatch;

    /// <summary>Runs that reached the wrapped engine (each a whole batch, or a pass-through run).</summary>
    public long EngineRuns => Interlocked.Read(ref _engineRuns);

    public override EngineOutputs Run(IReadOnlyList<TensorBuffer> inputs)
    {
        if (inputs.Any(i => i.Shape[0] != 1))
        {
            Interlocked.Increment(ref _engineRuns);
            return Inner.Run(inputs);
        }

        var request = new Request(inputs);
        var key = string.Join(';', inputs.Select(i => i.Name + ":" + string.Join('x', i.Shape)));
        Group group;
        bool leader;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out group!))
            {
                group = new Group();
                _open[key] = group;
            }
            group.Requests.Add(request);
            leader = group.Requests.Count == 1;
            if (group.Requests.Count == _maxBatch)
            {
                _open.Remove(key);
                group.Full.Set();
            }
        }

        if (leader)
        {
            group.Full.Wait(_wait);
            lock (_gate)
                if (_open.TryGetValue(key, out var still) && ReferenceEquals(still, group)) _open.Remove(key);
            group.Full.Dispose();
            Execute(group.Requests);
        }
        request.Done.Wait();
        request.Done.Dispose();
        return request.Result ?? throw request.Error!;
    }

    private void Execute(List<Request> requests)
    {
        Interlocked.Increment(ref _engineRuns);
        if (requests.Count == 1)
        {
            Complete(requests[0], () => Inner.Run(requests[0].Inputs));
            return;
        }

        var first = requests[0].Inputs;
        var stacked = new TensorBuffer[first.Count];
        EngineOutputs? outputs = null;
        try
        {
            for (int i = 0; i < first.Count; i++)
            {
                var shape = first[i].Shape.ToArray();
                shape[0] = requests.Count;
                stacked[i] = new TensorBuffer(first[i].Name, shape);
                for (int r = 0; r < requests.Count; r++)
                    requests[r].Inputs[i].Span.CopyTo(stacked[i].Span.Slice(r * first[i].Length, first[i].Length));
            }
            outputs = Inner.Run(stacked);
            foreach (var o in outputs.All)
                if (o.Shape.Length == 0 || o.Shape[0] != requests.Count)
                    throw new Core.Errors.VisionException(ModelPath,
                        $"output '{o.Name}' has shape {o.ShapeText} for a batch of {requests.Count}; its first dimension is not the batch");
        }
        catch (Exception e)
        {
            outputs?.Dispose();
            foreach (var r in requests) Complete(r, () => throw e);
            return;
        }
        finally
        {
            foreach (var s in stacked) s?.Dispose();
        }

        var shared = new SharedOutputs(outputs, requests.Count);
        for (int r = 0; r < requests.Count; r++)
        {
            int item = r;
            Complete(requests[r], () => shared.Slice(item));
        }
    }

    private static void Complete(Request request, Func<EngineOutputs> produce)
    {
        try { request.Result = produce(); }
        catch (Exception e) { request.Error = e; }
        request.Done.Set();
    }


    private sealed class Request(IReadOnlyList<TensorBuffer> inputs)
    {
        public IReadOnlyList<TensorBuffer> Inputs { get; } = inputs;
        public ManualResetEventSlim Done { get; } = new();
        public EngineOutputs? Result { get; set; }
        public Exception? Error { get; set; }
    }

    private sealed class Group
    {
        public List<Request> Requests { get; } = [];
        public ManualResetEventSlim Full { get; } = new();
    }

    /// <summary>One batched run's outputs, freed when the last caller disposes its slice.</summary>
    private sealed class SharedOutputs(EngineOutputs outputs, int holders)
    {
        private int _holders = holders;

        public EngineOutputs Slice(int item)
        {
            var views = outputs.All.Select(o => o.Item(item)).ToArray();
            return new EngineOutputs(views, new Release(this));
        }

        private void Leave()
        {
            if (Interlocked.Decrement(ref _holders) == 0) outputs.Dispose();
        }

        private sealed class Release(SharedOutputs owner) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Leave();
            }
        }
    }
}
