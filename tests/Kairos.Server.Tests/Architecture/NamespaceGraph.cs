using System.Reflection;
using System.Reflection.Emit;

namespace Kairos.Server.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which, read from the compiled code: signatures, base types, and every type,
/// method and field a method body names (lambdas and async state machines count for the type that declares them).
/// </summary>
internal static class NamespaceGraph
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    public static Dictionary<string, HashSet<string>> Of(Assembly assembly, string prefix)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null || !from.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type).SelectMany(Flatten).Where(t => t.Assembly == assembly))
                if (NamespaceOf(used) is { } to && to != from && to.StartsWith(prefix, StringComparison.Ordinal)) uses.Add(to);
        }
        return graph;
    }

    /// <summary>The namespaces of other assemblies that the types in <paramref name="ns"/> (and below it) use.</summary>
    public static HashSet<string> ExternalNamespaces(Assembly assembly, string ns) =>
        assembly.GetTypes().Where(t => NamespaceOf(t) is { } n && (n == ns || n.StartsWith(ns + ".", StringComparison.Ordinal)))
            .SelectMany(UsedTypes).SelectMany(Flatten).Where(t => t.Assembly != assembly).Select(t => t.Namespace ?? "").ToHashSet(StringComparer.Ordinal);

    /// <summary>Every set of two or more namespaces that reach each other (Tarjan's strongly connected components).</summary>
    public static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return cycles;

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next)) { Visit(next); low[node] = Math.Min(low[node], low[next]); }
                else if (stack.Contains(next)) low[node] = Math.Min(low[node], index[next]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string top;
            do { top = stack.Pop(); component.Add(top); } while (top != node);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }
    }

    private static string? NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type.Namespace;
    }

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        if (type.BaseType is { } baseType) yield return baseType;
        foreach (var i in type.GetInterfaces()) yield return i;
        foreach (var field in type.GetFields(Declared)) yield return field.FieldType;
        foreach (var property in type.GetProperties(Declared)) yield return property.PropertyType;
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (method is MethodInfo info) yield return info.ReturnType;
            foreach (var parameter in method.GetParameters()) yield return parameter.ParameterType;
            foreach (var used in BodyTypes(method)) yield return used;
        }
    }

    private static IEnumerable<Type> BodyTypes(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null) yield break;
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? OpCodes[(short)(0xFE00 | il[at + 1])] : OpCodes[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArgs, methodArgs);
                if (member is Type t) yield return t;
                else if (member is not null)
                {
                    if (member.DeclaringType is { } declaring) yield return declaring;
                    if (member is MethodInfo { IsGenericMethod: true } generic) foreach (var arg in generic.GetGenericArguments()) yield return arg;
                    if (member is FieldInfo field) yield return field.FieldType;
                }
            }
            at += OperandSize(code, il, at);
        }
    }

    private static MemberInfo? Resolve(Module module, int token, Type[]? typeArgs, Type[]? methodArgs)
    {
        try { return module.ResolveMember(token, typeArgs, methodArgs); }
        catch (ArgumentException) { return null; }
        catch (TypeLoadException) { return null; }
    }

    private static int OperandSize(OpCode code, byte[] il, int at) => code.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static IEnumerable<Type> Flatten(Type type)
    {
        if (type.HasElementType) return Flatten(type.GetElementType()!);
        if (type.IsGenericParameter) return [];
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return type.GetGenericArguments().SelectMany(Flatten).Prepend(type.GetGenericTypeDefinition());
        return [type];
    }
}
