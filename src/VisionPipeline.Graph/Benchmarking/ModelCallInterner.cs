using System.Text;
using VisionPipeline.Graph.Models;

namespace VisionPipeline.Graph.Benchmarking;

/// <summary>
/// Makes images whose engine runs are the same (same sessions, input names and shapes, in the same order) share
/// one recorded list, so that recording a long `vision bench` run costs a reference per image, not a list: the
/// benchmark's own bookkeeping must not show up as the pipeline's memory growth.
/// </summary>
public sealed class ModelCallInterner
{
    private readonly Dictionary<string, IReadOnlyList<ModelCall>> _known = [];
    private readonly Dictionary<ModelSession, int> _sessions = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, IReadOnlyList<string>> _paths = [];

    public IReadOnlyList<ModelCall> Intern(IReadOnlyList<ModelCall> calls)
    {
        lock (_known)
        {
            var key = new StringBuilder();
            foreach (var call in calls)
            {
                if (!_sessions.TryGetValue(call.Session, out int session)) _sessions[call.Session] = session = _sessions.Count;
                key.Append(session).Append('(');
                for (int i = 0; i < call.Names.Length; i++) key.Append(call.Names[i]).Append(':').AppendJoin('x', call.Shapes[i]).Append(' ');
                key.Append(')');
            }
            var text = key.ToString();
            if (_known.TryGetValue(text, out var known)) return known;
            _known[text] = calls;
            return calls;
        }
    }

    /// <summary>The same for the files an image's sinks wrote: repeats of one input write the same paths.</summary>
    public IReadOnlyList<string> Intern(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0) return [];
        var text = string.Join('\n', paths);
        lock (_paths)
        {
            if (_paths.TryGetValue(text, out var known)) return known;
            return _paths[text] = paths.ToArray();
        }
    }
}
