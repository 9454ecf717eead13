using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Kairos.Client.Contracts;

namespace Kairos.Definitions;

/// <summary>The JSON form of the job schema, as the API speaks it and the store keeps it.</summary>
public static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        TypeInfoResolver = JobJsonContext.Default,
    };

    private static JsonTypeInfo<JobDefinition> Definition => (JsonTypeInfo<JobDefinition>)Options.GetTypeInfo(typeof(JobDefinition));

    public static string Serialize(JobDefinition definition) => JsonSerializer.Serialize(definition, Definition);

    public static JobDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Definition) ?? throw new JsonException("The job definition is empty.");
}
