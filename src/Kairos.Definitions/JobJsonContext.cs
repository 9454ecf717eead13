using System.Text.Json.Serialization;
using Kairos.Client.Contracts;

namespace Kairos.Definitions;

// Compile-time metadata for the job schema's JSON: the options in JobJson decide naming and strictness, this only
// removes the reflection, so the server and the native CLI read and write job JSON the same way.
[JsonSerializable(typeof(JobDefinition))]
internal sealed partial class JobJsonContext : JsonSerializerContext;
