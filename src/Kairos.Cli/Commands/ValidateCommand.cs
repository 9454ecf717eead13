using System.CommandLine;
using Kairos.Calendars;
using Kairos.Calendars.Institutions;
using Kairos.Client.Contracts;
using Kairos.Definitions;

namespace Kairos.Cli.Commands;

/// <summary>Checks job files locally, without a server: every problem with file, line and field.</summary>
internal static class ValidateCommand
{
    public static Command Build()
    {
        var paths = new Argument<string[]>("path") { Description = CliText.Get("validate.argument"), Arity = ArgumentArity.OneOrMore };
        var extra = new Option<string[]>("--calendar") { Description = CliText.Get("validate.option.calendar"), AllowMultipleArgumentsPerToken = false };
        var command = new Command("validate", CliText.Get("validate.description")) { paths, extra };
        command.SetAction(parse =>
        {
            var known = new List<BusinessCalendar>(BuiltInCalendars.Default.All);
            foreach (var id in parse.GetValue(extra) ?? [])
            {
                if (!CalendarDefinition.IsWellFormedId(id) || BuiltInCalendars.IsKnown(id))
                {
                    Console.Error.WriteLine(CliText.Get("validate.badCalendar", id));
                    return ExitCodes.Usage;
                }
                // Only the id matters here: the validator checks that a job's calendar exists; the server knows its days.
                known.Add(BuiltInCalendars.Default.Get(BuiltInCalendars.Weekdays)!.Derive(id.ToUpperInvariant()));
            }
            var calendars = new CalendarSet(known.DistinctBy(c => c.Id, StringComparer.OrdinalIgnoreCase));
            var jobs = new List<LoadedJob>();
            var errors = new List<JobDefinitionError>();
            // A job may run after one in another of the paths given: a first look collects every path's jobs, so an
            // after entry is an error only when no path given defines its upstream.
            var given = parse.GetValue(paths)!;
            HashSet<string> everyId = given.Length == 1 ? [] : given.SelectMany(p => JobFolder.Load(p, calendars).Jobs).Select(j => j.Job.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var path in given)
            {
                var result = JobFolder.Load(path, calendars, everyId.Contains);
                jobs.AddRange(result.Jobs);
                errors.AddRange(result.Errors);
            }
            // Across the paths given; JobFolder.Load already reports duplicates within one folder.
            foreach (var duplicate in jobs.GroupBy(j => j.Job.Id).Where(g => g.Count() > 1))
                foreach (var again in duplicate.Skip(1))
                    errors.Add(new JobDefinitionError(again.Source, null, "id", DefinitionText.Get("id.duplicate", duplicate.Key, duplicate.First().Source)));
            if (ServerCall.WantsJson(parse))
            {
                ServerCall.PrintJson(new ValidationResultDto(errors.Count == 0, errors.Select(e => new ValidationErrorDto(e.File, e.Line, e.Field, e.Message)).ToList()));
            }
            else
            {
                foreach (var job in jobs) Console.WriteLine($"{CliText.Get("validate.ok"),-5} {job.Job.Id,-24} {job.Source}");
                foreach (var error in errors) Console.Error.WriteLine($"{CliText.Get("validate.error"),-5} {error}");
                Console.WriteLine(errors.Count == 0 ? CliText.Get("validate.allValid", jobs.Count) : CliText.Get("validate.problems", errors.Count, jobs.Count));
            }
            return errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }
}
