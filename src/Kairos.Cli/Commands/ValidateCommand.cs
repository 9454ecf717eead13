using System.CommandLine;
using Kairos.Calendars;
using Kairos.Client.Contracts;
using Kairos.Definitions;

namespace Kairos.Cli.Commands;

/// <summary>Checks job files locally, without a server: every problem with file, line and field.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var paths = new Argument<string[]>("path") { Description = "Job files or folders of *.yaml / *.yml", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check job definition files; exit 1 and list every problem when any is invalid") { paths };
        command.SetAction(parse =>
        {
            var jobs = new List<LoadedJob>();
            var errors = new List<JobDefinitionError>();
            foreach (var path in parse.GetValue(paths)!)
            {
                var result = JobFolder.Load(path, BuiltInCalendars.Default);
                jobs.AddRange(result.Jobs);
                errors.AddRange(result.Errors);
            }
            foreach (var duplicate in jobs.GroupBy(j => j.Job.Id).Where(g => g.Count() > 1))
                errors.Add(new JobDefinitionError(null, null, "id", $"duplicate job id '{duplicate.Key}' in {string.Join(" and ", duplicate.Select(j => j.Source))}"));
            if (ServerCall.WantsJson(parse))
            {
                ServerCall.PrintJson(new ValidationResultDto(errors.Count == 0, errors.Select(e => new ValidationErrorDto(e.File, e.Line, e.Field, e.Message)).ToList()));
            }
            else
            {
                foreach (var job in jobs) Console.WriteLine($"ok    {job.Job.Id,-24} {job.Source}");
                foreach (var error in errors) Console.Error.WriteLine($"error {error}");
                Console.WriteLine(errors.Count == 0 ? $"{jobs.Count} job(s) valid" : $"{errors.Count} problem(s); {jobs.Count} job(s) valid");
            }
            return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
