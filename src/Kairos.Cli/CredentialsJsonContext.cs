using System.Text.Json.Serialization;

namespace Kairos.Cli;

// The credentials file keeps .NET's default JSON shape (PascalCase names), which files written so far already have.
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(Dictionary<string, Credentials.Saved>))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
