using System.Text.Json.Serialization;

namespace Kairos.Cli;

// What --json prints beyond the API's own types: an answer typed as object (a result or an approval) is written as
// its runtime type, which the contract contexts describe.
[JsonSerializable(typeof(object))]
internal sealed partial class PrintedJsonContext : JsonSerializerContext;
