using System.Globalization;
using System.Reflection;

namespace Kairos.Store.Sql;

/// <summary>Reads migration scripts embedded as <c>Migrations/NNNN_name.sql</c> in a dialect's assembly.</summary>
public static class EmbeddedMigrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var scripts = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = resource.Split('.')[^2];
            var underscore = file.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(file[..underscore], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, file[(underscore + 1)..], reader.ReadToEnd()));
        }
        return scripts.OrderBy(s => s.Item1).ToList();
    }
}
