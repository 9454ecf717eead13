using System.Text.Json;
using System.Text.Json.Serialization;
using Kairos.Client.Contracts;

namespace Kairos.Definitions;

/// <summary>The JSON form of the job schema, as the API speaks it and the store keeps it.</summary>
public static class JobJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static string Serialize(JobDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static JobDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<JobDefinition>(json, Options) ?? throw new JsonException("The job definition is empty.");
}
