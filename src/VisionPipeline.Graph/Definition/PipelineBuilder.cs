using VisionPipeline.Core.Text;
using VisionPipeline.Graph.Execution;
using VisionPipeline.Graph.Models;
using VisionPipeline.Graph.Nodes.Sinks;
using VisionPipeline.Inference.Engines;
using VisionPipeline.Zoo;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// Checks a pipeline document completely before any image is read (kinds, parameters, inputs, cycles, types,
/// models), reporting every problem with its line; then builds the runnable graph.
/// </summary>
public static partial class PipelineBuilder
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial System.Text.RegularExpressions.Regex SafeId();

    /// <summary>The checked nodes in execution order, with their contexts.</summary>
    public sealed record CheckedPipeline(PipelineDocument Document, IReadOnlyList<(NodeKind Kind, NodeContext Context)> Nodes);

    public static CheckedPipeline Check(PipelineDocument document, ModelStore store)
    {
        var errors = new List<PipelineError>();
        void Report(PipelineError e) => errors.Add(e);
        var file = document.Path;

        var byId = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var node in document.Nodes)
            if (!byId.TryAdd(node.Id, node))
                errors.Add(new PipelineError(file, node.Line, node.Id, $"duplicate node id (first defined on line {byId[node.Id].Line})"));

        foreach (var node in byId.Values.Where(n => !SafeId().IsMatch(n.Id)))
            errors.Add(new PipelineError(file, node.Line, node.Id, "a node id may use letters, digits, '_', '-' and '.', and must not start with '.' or '-'"));
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in byId.Values.Where(n => n.Kind.StartsWith("sink.", StringComparison.Ordinal)))
        {
            foreach (var key in new[] { "path", "dir" })
            {
                // The written value, or the kind's default: two sinks left at the same default collide too.
                var fallback = NodeCatalog.Kinds.GetValueOrDefault(node.Kind)?.Params.FirstOrDefault(p => p.Name == key)?.Default as string;
                var value = node.Params.GetValueOrDefault(key) ?? (fallback is null ? null : new ParamValue(key, node.Line, fallback, null));
                if (value?.Scalar is not { } target) continue;
                var normalized = target.Replace('\\', '/').TrimEnd('/');
                if (Path.IsPathRooted(target) || normalized.Split('/').Any(part => part is ".." or "") || normalized.Length == 0)
                    errors.Add(new PipelineError(file, value.Line, node.Id, $"'{key}' must be a relative path inside the output folder, without '..', got '{target}'"));
                else if (!outputs.TryAdd(normalized, node.Id))
                    errors.Add(new PipelineError(file, value.Line, node.Id, $"'{normalized}' is already written by node '{outputs[normalized]}'"));
            }
        }

        var kinds = new Dictionary<string, NodeKind>();
        var parsed = new Dictionary<string, NodeParams>();
        var inputs = new Dictionary<string, Dictionary<string, IReadOnlyList<string>>>();
        foreach (var node in byId.Values)
        {
            if (!NodeCatalog.Kinds.TryGetValue(node.Kind, out var kind))
            {
                errors.Add(new PipelineError(file, node.Line, node.Id,
                    $"unknown kind '{node.Kind}'{NameSuggestions.DidYouMean(node.Kind, NodeCatalog.Kinds.Keys)} (see `vision pipelines kinds`)"));
                continue;
            }
            kinds[node.Id] = kind;
            parsed[node.Id] = ParseParams(file, node, kind, Report);
            inputs[node.Id] = BindInputs(file, node, kind, byId, Report);
        }

        var sources = kinds.Where(k => k.Value.Name == "source.images").Select(k => k.Key).ToList();
        if (sources.Count != 1)
            errors.Add(new PipelineError(file, sources.Count == 0 ? 1 : byId[sources[1]].Line, sources.Count == 0 ? null : sources[1],
                $"a pipeline needs exactly one node of kind source.images, found {sources.Count}"));
        if (kinds.Count(k => k.Value.Name == "sink.jsonl") > 1)
            errors.Add(new PipelineError(file, byId[kinds.Where(k => k.Value.Name == "sink.jsonl").Skip(1).First().Key].Line, null,
                "a pipeline can have at most one sink.jsonl"));

        var order = TopologicalOrder(file, kinds.Keys.ToList(), inputs, byId, Report);
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
                                errors.Add(new PipelineError(file, node.Line, id, $"input '{source}' is a sink and has no output"));
                            typesOk = false;
                        }
                        else if (!port.Accepts.Contains(type))
                        {
                            errors.Add(new PipelineError(file, node.Line, id,
                                $"input '{port.Name}' expects {port.AcceptsText}, but node '{source}' gives {type.ToString().ToLowerInvariant()}"));
                            typesOk = false;
                        }
                    }
                }
                if (!typesOk) continue;
                var context = new NodeContext(document, node, parsed[id], inputs[id], types, labels, store, Report);
                int before = errors.Count;
                var output = kind.Output(context);
                if (errors.Count > before) continue;
                if (output is { } t) types[id] = t;
                labels[id] = kind.Labels(context);
                checkedNodes.Add((kind, context));
            }
        }
        if (errors.Count > 0) throw new PipelineValidationException(errors.OrderBy(e => e.Line).ToList());
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
            if (kind.BuildRecordSink is { } buildSink)
            {
                var inputs = context.InputList("inputs");
                recorded.AddRange(inputs.Where(s => !recorded.Contains(s)));
                recordSinks.Add(new RecordSinkDefinition(kind.Name, context.Params.Text("path")!, inputs, output =>
                {
                    lock (context)
                    {
                        context.Output = output;
                        return buildSink(context);
                    }
                }));
                continue;
            }
            var built = kind.Build!(context);
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

    private static NodeParams ParseParams(string file, NodeDefinition node, NodeKind kind, Action<PipelineError> report)
    {
        var values = new Dictionary<string, object?>();
        foreach (var spec in kind.Params) values[spec.Name] = spec.Default;
        foreach (var (name, value) in node.Params)
        {
            var spec = kind.Params.FirstOrDefault(p => p.Name == name);
            if (spec is null)
            {
                var known = kind.Params.Select(p => p.Name).ToList();
                report(new PipelineError(file, value.Line, node.Id,
                    $"unknown parameter '{name}' for {kind.Name}{NameSuggestions.DidYouMean(name, known)}" +
                    (known.Count == 0 ? " (it takes none)" : $" (it takes: {string.Join(", ", known)})")));
                continue;
            }
            var error = spec.TryParse(value, out var parsed);
            if (error is not null) report(new PipelineError(file, value.Line, node.Id, error));
            else values[name] = parsed;
        }
        foreach (var spec in kind.Params.Where(p => p.Required && !node.Params.ContainsKey(p.Name) && p.Kind != ParamKind.String))
            report(new PipelineError(file, node.Line, node.Id, $"missing parameter '{spec.Name}' ({spec.Description})"));
        return new NodeParams(values);
    }

    private static Dictionary<string, IReadOnlyList<string>> BindInputs(string file, NodeDefinition node, NodeKind kind,
        IReadOnlyDictionary<string, NodeDefinition> all, Action<PipelineError> report)
    {
        var bound = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (port, references) in node.Inputs)
        {
            foreach (var r in references.Where(r => !all.ContainsKey(r.NodeId)))
                report(new PipelineError(file, r.Line, node.Id, $"input '{r.NodeId}' is not a node of this pipeline{NameSuggestions.DidYouMean(r.NodeId, all.Keys)}"));
            foreach (var r in references.Where(r => r.NodeId == node.Id))
                report(new PipelineError(file, r.Line, node.Id, "a node cannot be its own input"));

            if (port == "")
            {
                if (kind.Ports.Count == 0)
                {
                    report(new PipelineError(file, node.Line, node.Id, $"{kind.Name} takes no inputs"));
                    continue;
                }
                // `input: x` or `inputs: [a, b]`: a many-port takes them all, otherwise one per port in order.
                if (kind.Ports[0].Many) bound[kind.Ports[0].Name] = references.Select(r => r.NodeId).ToList();
                else if (references.Count > kind.Ports.Count)
                    report(new PipelineError(file, node.Line, node.Id, $"{kind.Name} takes {kind.Ports.Count} input(s), got {references.Count}"));
                else
                    for (int i = 0; i < references.Count; i++) bound[kind.Ports[i].Name] = [references[i].NodeId];
                continue;
            }
            var spec = kind.Ports.FirstOrDefault(p => p.Name == port);
            if (spec is null)
            {
                report(new PipelineError(file, references.FirstOrDefault()?.Line ?? node.Line, node.Id,
                    $"{kind.Name} has no input '{port}'{NameSuggestions.DidYouMean(port, kind.Ports.Select(p => p.Name))} (inputs: {string.Join(", ", kind.Ports.Select(p => p.Name))})"));
                continue;
            }
            if (!spec.Many && references.Count > 1)
                report(new PipelineError(file, node.Line, node.Id, $"input '{port}' takes one node, got {references.Count}"));
            bound[port] = references.Select(r => r.NodeId).ToList();
        }
        foreach (var port in kind.Ports.Where(p => !p.Optional && (!bound.TryGetValue(p.Name, out var ids) || ids.Count == 0)))
            report(new PipelineError(file, node.Line, node.Id, $"missing input '{port.Name}' ({port.AcceptsText})"));
        return bound;
    }

    private static List<string>? TopologicalOrder(string file, List<string> ids,
        Dictionary<string, Dictionary<string, IReadOnlyList<string>>> inputs, IReadOnlyDictionary<string, NodeDefinition> byId,
        Action<PipelineError> report)
    {
        var pending = ids.ToDictionary(id => id, id => inputs[id].Values.SelectMany(v => v).Where(byId.ContainsKey).Distinct().Count());
        var dependents = ids.ToDictionary(id => id, _ => new List<string>());
        foreach (var id in ids)
            foreach (var source in inputs[id].Values.SelectMany(v => v).Where(dependents.ContainsKey).Distinct())
                dependents[source].Add(id);

        // Ties keep file order, so execution order is deterministic.
        var ready = new List<string>(ids.Where(id => pending[id] == 0));
        var order = new List<string>();
        while (ready.Count > 0)
        {
            var next = ready[0];
            ready.RemoveAt(0);
            order.Add(next);
            foreach (var d in dependents[next])
                if (--pending[d] == 0) ready.Add(d);
            ready.Sort((a, b) => byId[a].Line.CompareTo(byId[b].Line));
        }
        if (order.Count == ids.Count) return order;
        var cycle = ids.Where(id => !order.Contains(id)).OrderBy(id => byId[id].Line).ToList();
        report(new PipelineError(file, byId[cycle[0]].Line, cycle[0], $"the inputs form a cycle: {string.Join(" → ", cycle)}"));
        return null;
    }
}
