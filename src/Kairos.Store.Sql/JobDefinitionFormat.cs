using System.Text.Json;
using System.Text.Json.Serialization;
using Kairos.Core.Jobs;

namespace Kairos.Store.Sql;

/// <summary>
/// How a definition is written into <c>jobs.definition</c> and <c>job_versions.definition</c>, with the format number
/// kept beside it. Format 1 is what Kairos wrote before the store had a layout of its own: the API's JSON, camelCase.
/// Format 2 is the store's <see cref="JobDocument"/>, snake_case. Every format ever written stays readable; only the
/// newest is written. A row in a format newer than this build knows is refused, not guessed at.
/// </summary>
internal static class JobDefinitionFormat
{
    public const int Current = 2;

    public static string Write(JobSpec spec) =>
        JsonSerializer.Serialize(JobDocumentMapping.ToDocument(spec), JobDocumentJsonV2.Default.JobDocument);

    public static JobSpec Read(string jobId, string json, int format)
    {
        var document = format switch
        {
            1 => JsonSerializer.Deserialize(json, JobDocumentJsonV1.Default.JobDocument),
            2 => JsonSerializer.Deserialize(json, JobDocumentJsonV2.Default.JobDocument),
            _ => throw new InvalidDataException($"Job {jobId} is stored in definition format {format}; this Kairos reads formats 1 to {Current}. Upgrade it."),
        };
        if (document is null) throw new InvalidDataException($"Job {jobId} has an empty definition.");
        if (document.Id.Length == 0) document.Id = jobId;
        return JobDocumentMapping.ToSpec(document);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JobDocument))]
internal sealed partial class JobDocumentJsonV2 : JsonSerializerContext;

// Format 1 rows were written by the API's serializer (web defaults: camelCase, case-insensitive, nulls left out).
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(JobDocument))]
internal sealed partial class JobDocumentJsonV1 : JsonSerializerContext;
