namespace Kairos.Core.Dependencies;

/// <summary>The jobs' <c>after</c> lists as a graph: cycles, which a scheduler could never start, are found here. Pure.</summary>
public static class DependencyGraph
{
    /// <summary>
    /// A cycle among <paramref name="upstreams"/> (job id → the jobs it runs after), as the ids along it with the first
    /// repeated at the end (<c>a → b → a</c>); null when there is none. Upstreams not in the map are leaves.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyList<string>> upstreams)
    {
        ArgumentNullException.ThrowIfNull(upstreams);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path, true: done
        var path = new List<string>();
        foreach (var start in upstreams.Keys.Order(StringComparer.Ordinal))
            if (Visit(start) is { } cycle) return cycle;
        return null;

        IReadOnlyList<string>? Visit(string id)
        {
            if (state.TryGetValue(id, out var done))
            {
                if (done) return null;
                var from = path.IndexOf(id);
                return [.. path[from..], id];
            }
            state[id] = false;
            path.Add(id);
            foreach (var next in upstreams.GetValueOrDefault(id) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[id] = true;
            return null;
        }
    }
}
