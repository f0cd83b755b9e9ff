using VisionPipeline.Core.Text;

namespace VisionPipeline.Graph.Definition;

/// <summary>
/// The checks <see cref="PipelineBuilder.Check"/> makes of each node before its kind checks it: its parameters
/// parsed into its typed options, its outputs' places, its inputs bound to ports, and the order the inputs allow.
/// </summary>
internal static class NodeChecks
{
    /// <summary>The node's typed options: each parameter written parsed and range-checked once, the rest at the kind's defaults.</summary>
    public static object ParseOptions(string file, NodeDefinition node, NodeKind kind, Action<PipelineError> report)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (name, value) in node.Params)
        {
            var spec = kind.Params.FirstOrDefault(p => p.Name == name);
            if (spec is null)
            {
                var known = kind.Params.Select(p => p.Name).ToList();
                report(new PipelineError(file, value.KeyAt, node.Id,
                    $"unknown parameter '{name}' for {kind.Name}{NameSuggestions.DidYouMean(name, known)}" +
                    (known.Count == 0 ? " (it takes none)" : $" (it takes: {string.Join(", ", known)})")));
                continue;
            }
            var error = spec.TryParse(value, out var parsed);
            if (error is not null) report(new PipelineError(file, value.At, node.Id, error));
            else values[name] = parsed;
        }
        foreach (var spec in kind.Params.Where(p => p.Required && !node.Params.ContainsKey(p.Name) && p.Kind != ParamKind.String))
            report(new PipelineError(file, node.At, node.Id, $"missing parameter '{spec.Name}' ({spec.Description})"));
        return kind.CreateOptions(values);
    }

    /// <summary>
    /// Sinks must write inside the output folder, and no two to the same place (two left at the same default
    /// collide too). Each error is at the value, or at the node when the value is the default.
    /// </summary>
    public static List<PipelineError> OutputCollisions(string file, IEnumerable<NodeDefinition> nodes,
        IReadOnlyDictionary<string, NodeKind> kinds, IReadOnlyDictionary<string, object> options)
    {
        var errors = new List<PipelineError>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var (spec, target) in kinds[node.Id].OutputPaths(options[node.Id]))
            {
                var written = node.Params.GetValueOrDefault(spec.Name);
                if (written is { IsList: true } or { Scalar: null }) continue; // not a single value: reported by its parse
                var at = written?.At ?? node.At;
                var normalized = target.Replace('\\', '/').TrimEnd('/');
                if (Path.IsPathRooted(target) || normalized.Split('/').Any(part => part is ".." or "") || normalized.Length == 0)
                    errors.Add(new PipelineError(file, at, node.Id, $"'{spec.Name}' must be a relative path inside the output folder, without '..', got '{target}'"));
                else if (!outputs.TryAdd(normalized, node.Id))
                    errors.Add(new PipelineError(file, at, node.Id, $"'{normalized}' is already written by node '{outputs[normalized]}'"));
            }
        }
        return errors;
    }

    public static Dictionary<string, IReadOnlyList<string>> BindInputs(string file, NodeDefinition node, NodeKind kind,
        IReadOnlyDictionary<string, NodeDefinition> all, Action<PipelineError> report)
    {
        var bound = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (port, references) in node.Inputs)
        {
            foreach (var r in references.Where(r => !all.ContainsKey(r.NodeId)))
                report(new PipelineError(file, r.At, node.Id, $"input '{r.NodeId}' is not a node of this pipeline{NameSuggestions.DidYouMean(r.NodeId, all.Keys)}"));
            foreach (var r in references.Where(r => r.NodeId == node.Id))
                report(new PipelineError(file, r.At, node.Id, "a node cannot be its own input"));

            if (port == "")
            {
                if (kind.Ports.Count == 0)
                {
                    report(new PipelineError(file, references.FirstOrDefault()?.At ?? node.At, node.Id, $"{kind.Name} takes no inputs"));
                    continue;
                }
                // `input: x` or `inputs: [a, b]`: a many-port takes them all, otherwise one per port in order.
                if (kind.Ports[0].Many) bound[kind.Ports[0].Name] = references.Select(r => r.NodeId).ToList();
                else if (references.Count > kind.Ports.Count)
                    report(new PipelineError(file, references[kind.Ports.Count].At, node.Id, $"{kind.Name} takes {kind.Ports.Count} input(s), got {references.Count}"));
                else
                    for (int i = 0; i < references.Count; i++) bound[kind.Ports[i].Name] = [references[i].NodeId];
                continue;
            }
            var spec = kind.Ports.FirstOrDefault(p => p.Name == port);
            if (spec is null)
            {
                report(new PipelineError(file, references.FirstOrDefault()?.At ?? node.At, node.Id,
                    $"{kind.Name} has no input '{port}'{NameSuggestions.DidYouMean(port, kind.Ports.Select(p => p.Name))} (inputs: {string.Join(", ", kind.Ports.Select(p => p.Name))})"));
                continue;
            }
            if (!spec.Many && references.Count > 1)
                report(new PipelineError(file, references[1].At, node.Id, $"input '{port}' takes one node, got {references.Count}"));
            bound[port] = references.Select(r => r.NodeId).ToList();
        }
        foreach (var port in kind.Ports.Where(p => !p.Optional && (!bound.TryGetValue(p.Name, out var ids) || ids.Count == 0)))
            report(new PipelineError(file, node.At, node.Id, $"missing input '{port.Name}' ({port.AcceptsText})"));
        return bound;
    }

    public static List<string>? TopologicalOrder(string file, List<string> ids,
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
            ready.Sort((a, b) => byId[a].At.CompareTo(byId[b].At));
        }
        if (order.Count == ids.Count) return order;
        var cycle = ids.Where(id => !order.Contains(id)).OrderBy(id => byId[id].At).ToList();
        var closing = byId[cycle[0]].Inputs.Values.SelectMany(r => r).FirstOrDefault(r => cycle.Contains(r.NodeId));
        report(new PipelineError(file, closing?.At ?? byId[cycle[0]].At, cycle[0], $"the inputs form a cycle: {string.Join(" → ", cycle)}"));
        return null;
    }
}
