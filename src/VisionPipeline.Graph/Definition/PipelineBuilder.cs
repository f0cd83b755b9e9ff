using VisionPipeline.Core.Errors;
using VisionPipeline.Core.Text;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// Checks a pipeline document completely before any image is read (kinds, parameters, inputs, cycles, types,
/// models), reporting every problem with its line; each node's parameters are parsed once, into its kind's typed
/// options, which building then reads. Then builds the runnable graph.
/// </summary>
public static partial class PipelineBuilder
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial System.Text.RegularExpressions.Regex SafeId();

    /// <summary>The checked nodes in execution order, with their contexts (which hold each node's typed options).</summary>
    public sealed record CheckedPipeline(PipelineDocument Document, IReadOnlyList<(NodeKind Kind, NodeContext Context)> Nodes);

    public static CheckedPipeline Check(PipelineDocument document, ModelStore store)
    {
        var errors = new List<PipelineError>();
        void Report(PipelineError e) => errors.Add(e);
        var file = document.Path;

        var byId = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in document.Nodes)
            if (!byId.TryAdd(node.Id, node))
                errors.Add(new PipelineError(file, node.IdAt, node.Id, $"duplicate node id (first defined on line {byId[node.Id].IdAt.Line})"));

        foreach (var node in byId.Values.Where(n => !SafeId().IsMatch(n.Id)))
            errors.Add(new PipelineError(file, node.IdAt, node.Id, "a node id may use letters, digits, '_', '-' and '.', and must not start with '.' or '-'"));
        int beforeParameters = errors.Count;
        var kinds = new Dictionary<string, NodeKind>();
        var parsed = new Dictionary<string, object>();
        var inputs = new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>();
        foreach (var node in byId.Values)
        {
            if (!NodeCatalog.Kinds.TryGetValue(node.Kind, out var kind))
            {
                errors.Add(new PipelineError(file, node.KindAt, node.Id,
                    $"unknown kind '{node.Kind}'{NameSuggestions.DidYouMean(node.Kind, NodeCatalog.Kinds.Keys)} (see `vision pipelines kinds`)"));
                continue;
            }
            kinds[node.Id] = kind;
            parsed[node.Id] = NodeChecks.ParseOptions(file, node, kind, Report);
            inputs[node.Id] = NodeChecks.BindInputs(file, node, kind, byId, Report);
        }
        // Where the sinks write is reported ahead of the parameters' own errors.
        errors.InsertRange(beforeParameters, NodeChecks.OutputCollisions(file, byId.Values.Where(n => parsed.ContainsKey(n.Id)), kinds, parsed));

        var sources = kinds.Where(k => k.Value.Name == "source.images").Select(k => k.Key).ToList();
        if (sources.Count != 1)
            errors.Add(new PipelineError(file, sources.Count == 0 ? TextPosition.StartOf(1) : byId[sources[1]].KindAt, sources.Count == 0 ? null : sources[1],
                $"a pipeline needs exactly one node of kind source.images, found {sources.Count}"));
        if (kinds.Count(k => k.Value.Name == "sink.jsonl") > 1)
            errors.Add(new PipelineError(file, byId[kinds.Where(k => k.Value.Name == "sink.jsonl").Skip(1).First().Key].KindAt, null,
                "a pipeline can have at most one sink.jsonl"));

        var order = NodeChecks.TopologicalOrder(file, kinds.Keys.ToList(), inputs, byId, Report);
        var types = new Dictionary<string, PortType>();
        var labels = new Dictionary<string, IReadOnlyList<string>>();
        var checkedNodes = new List<(NodeKind, NodeContext)>();
        if (order is not null && errors.Count == 0)
        {
            foreach (var id in order)
            {
                var node = byId[id];
                var kind = kinds[id];
                bool typesOk = true;
                foreach (var port in kind.Ports)
                {
                    foreach (var source in inputs[id].GetValueOrDefault(port.Name, []))
                    {
                        if (!types.TryGetValue(source, out var type))
                        {
                            // A node that failed its own checks has already been reported; only a sink is news here.
                            if (kinds[source].IsSink)
                                errors.Add(new PipelineError(file, node.InputAt(source), id, $"input '{source}' is a sink and has no output"));
                            typesOk = false;
                        }
                        else if (!port.Accepts.Contains(type))
                        {
                            errors.Add(new PipelineError(file, node.InputAt(source), id,
                                $"input '{port.Name}' expects {port.AcceptsText}, but node '{source}' gives {type.ToString().ToLowerInvariant()}"));
                            typesOk = false;
                        }
                    }
                }
                if (!typesOk) continue;
                var context = new NodeContext(document, node, parsed[id], inputs[id], types, labels, store, Report);
                int before = errors.Count;
                var output = kind.Check(context);
                if (errors.Count > before) continue;
                if (output is { } t) types[id] = t;
                labels[id] = kind.Labels(context);
                checkedNodes.Add((kind, context));
            }
        }
        if (errors.Count > 0) throw new PipelineValidationException(errors.OrderBy(e => e.At).ToList());
        return new CheckedPipeline(document, checkedNodes);
    }

    /// <summary>Checks the document and builds it with models of its own (disposed with the graph).</summary>
    public static PipelineGraph Build(PipelineDocument document, ModelStore store, EngineOptions options)
    {
        var checkedPipeline = Check(document, store);
        var models = new ModelCatalog(store, options);
        try
        {
            return Build(checkedPipeline, models, ownsModels: true);
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    /// <summary>Builds a checked pipeline on models opened from <paramref name="models"/>.</summary>
    public static PipelineGraph Build(CheckedPipeline checkedPipeline, ModelCatalog models, bool ownsModels)
    {
        var nodes = new List<IGraphNode>();
        var recordSinks = new List<RecordSinkDefinition>();
        var recorded = new List<string>();
        var maskDirectories = new Dictionary<string, string>();
        foreach (var (kind, context) in checkedPipeline.Nodes)
        {
            context.Models = models;
            if (kind.IsRecordSink)
            {
                var inputs = context.InputList("inputs");
                recorded.AddRange(inputs.Where(s => !recorded.Contains(s)));
                var path = kind.OutputPaths(context.Options).Single().Path;
                recordSinks.Add(new RecordSinkDefinition(context.Id, kind.Name, path, inputs, output =>
                {
                    lock (context)
                    {
                        context.Output = output;
                        return kind.BuildRecordSink(context);
                    }
                }));
                continue;
            }
            var built = kind.Build(context);
            if (built is MasksSink masks)
                foreach (var input in masks.Inputs) maskDirectories.TryAdd(input, masks.Directory);
            nodes.Add(built);
        }
        var order = checkedPipeline.Nodes.Select(n => n.Context.Id).ToList();
        recorded.Sort((a, b) => order.IndexOf(a).CompareTo(order.IndexOf(b)));
        var document = checkedPipeline.Document;
        return new PipelineGraph(document.Name, document.Description, nodes, recordSinks,
            new RecordBuilder(recorded, maskDirectories), models, ownsModels);
    }
}
