using Kairos.Client.Contracts;
using Kairos.Core.Jobs;

namespace Kairos.Definitions;

/// <summary>A valid job, its definition as written, and where it came from (<c>file:path:line</c> or <c>api</c>).</summary>
public sealed record LoadedJob(Job Job, JobDefinition Definition, string Source);
