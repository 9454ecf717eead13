using System.Text.Json.Serialization;

namespace Kairos.Core.Triggers;

// Compile-time metadata for the headers variable, so trimmed programs that reference the core need no reflection.
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class HeaderJsonContext : JsonSerializerContext;
