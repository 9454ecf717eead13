using Kairos.Calendars;
using Kairos.Core.Dependencies;
using Kairos.Core.Jobs;
using Kairos.Core.Reasons;
using Kairos.Core.Runs;
using static Kairos.Core.Tests.Jobs;

namespace Kairos.Core.Tests.Dependencies;

public sealed class DependencyCheckTests
{
    private static readonly BusinessCalendar Bank = BuiltInCalendars.Default.Get("KR-BANK")!;
    private static readonly DateOnly Monday = new(2026, 11, 30);
    private static readonly DateTimeOffset Due = Kst(2026, 11, 30, 22);

    private static Job Step(string id, string? calendar, params Dependency[] after) =>
        Every("0 22 * * *", calendar) with { Id = id, After = after };

    private static DependencyFacts Facts(IEnumerable<Job> jobs, IEnumerable<(string, DateOnly, RunState)>? runs = null, IEnumerable<(string, DateOnly)>? conditions = null)
    {
        var byId = jobs.ToDictionary(j => j.Id);
        return new DependencyFacts(id => byId.GetValueOrDefault(id), id => id == "KR-BANK" ? Bank : null, runs ?? [], conditions ?? []);
    }

    [Fact]
    public void WaitsForTheUpstreamOfTheSameDate_ThenStartsWhenItSucceeded()
    {
        var extract = Step("extract-ledger", "KR-BANK");
        var settle = Step("settle", "KR-BANK", Dependency.OnJob("extract-ledger"));

        var none = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle]));
        Assert.Equal(DependencyStatus.Waiting, none.Status);
        Assert.Equal(Reason.Of(ReasonCodes.DependencyWaitingJob, "extract-ledger", "2026-11-30", "succeeded", "none"), none.Why);

        var failed = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", Monday, RunState.Failed)]));
        Assert.Equal(Reason.Of(ReasonCodes.DependencyWaitingJob, "extract-ledger", "2026-11-30", "succeeded", "failed"), failed.Why);

        // Last Friday's success is not Monday's.
        var otherDay = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", new DateOnly(2026, 11, 27), RunState.Succeeded)]));
        Assert.Equal(DependencyStatus.Waiting, otherDay.Status);

        var done = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", Monday, RunState.Failed), ("extract-ledger", Monday, RunState.Succeeded)]));
        Assert.Equal(DependencyStatus.Ready, done.Status);
    }

    [Fact]
    public void ARerunInProgress_HoldsTheDownstreamBack_EvenAfterAnEarlierSuccess()
    {
        var extract = Step("extract-ledger", "KR-BANK");
        var settle = Step("settle", "KR-BANK", Dependency.OnJob("extract-ledger"));
        var verdict = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", Monday, RunState.Succeeded), ("extract-ledger", Monday, RunState.Running)]));
        Assert.Equal(DependencyStatus.Waiting, verdict.Status);
        Assert.Equal("running", verdict.Why!.Args[3] is ValueArg v ? v.Value : null);
    }

    [Fact]
    public void TheLatestRunSpeaks_ARerunStillToComeOrALaterFailure_HoldsTheDownstreamBack()
    {
        var extract = Step("extract-ledger", "KR-BANK");
        var settle = Step("settle", "KR-BANK", Dependency.OnJob("extract-ledger"));
        // Rerun from a step: the step's new run is queued after its earlier success; the downstream waits for it.
        var queued = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", Monday, RunState.Succeeded), ("extract-ledger", Monday, RunState.Queued)]));
        Assert.Equal(Reason.Of(ReasonCodes.DependencyWaitingJob, "extract-ledger", "2026-11-30", "succeeded", "queued"), queued.Why);
        var failedAfter = DependencyCheck.Judge(settle, Monday, Due, Due, Facts([extract, settle], [("extract-ledger", Monday, RunState.Succeeded), ("extract-ledger", Monday, RunState.Failed)]));
        Assert.Equal(DependencyStatus.Waiting, failedAfter.Status);
    }

    [Theory]
    [InlineData(Kairos.Core.Flows.FlowFailurePolicy.Stop, DependencyStatus.Waiting)]
    [InlineData(Kairos.Core.Flows.FlowFailurePolicy.Continue, DependencyStatus.Ready)]
    public void AFlowThatStopsOnFailure_HoldsBackAnIndependentBranch_WhileAnotherStepsLatestRunFailed(Kairos.Core.Flows.FlowFailurePolicy policy, DependencyStatus expected)
    {
        // extract → settle, extract → archive: archive does not wait for settle, but its flow stops when settle fails.
        var part = new Kairos.Core.Flows.FlowPart("eod", policy);
        var extract = Step("extract", "KR-BANK") with { Flow = part };
        var settle = Step("settle", "KR-BANK", Dependency.OnJob("extract")) with { Flow = part };
        var archive = Step("archive", "KR-BANK", Dependency.OnJob("extract")) with { Flow = part };
        var jobs = new[] { extract, settle, archive };
        DependencyFacts FactsWith(params (string, DateOnly, RunState)[] runs)
        {
            var byId = jobs.ToDictionary(j => j.Id);
            return new DependencyFacts(id => byId.GetValueOrDefault(id), id => id == "KR-BANK" ? Bank : null, runs, [], name => name == "eod" ? byId.Keys : []);
        }

        var stopped = DependencyCheck.Judge(archive, Monday, Due, Due, FactsWith(("extract", Monday, RunState.Succeeded), ("settle", Monday, RunState.Failed)));
        Assert.Equal(expected, stopped.Status);
        if (expected == DependencyStatus.Waiting) Assert.Equal(Reason.Of(ReasonCodes.FlowStopped, "eod", "settle"), stopped.Why);
        // settle's rerun succeeded: the flow goes on.
        var rerun = DependencyCheck.Judge(archive, Monday, Due, Due, FactsWith(("extract", Monday, RunState.Succeeded), ("settle", Monday, RunState.Failed), ("settle", Monday, RunState.Succeeded)));
        Assert.Equal(DependencyStatus.Ready, rerun.Status);
    }

    [Fact]
    public void Finished_AcceptsAFailure_Succeeded_DoesNot()
    {
        var close = Step("fx-close", "KR-BANK");
        var report = Step("report", "KR-BANK", Dependency.OnJob("fx-close", UpstreamState.Finished));
        var strict = Step("strict", "KR-BANK", Dependency.OnJob("fx-close"));
        var facts = Facts([close, report, strict], [("fx-close", Monday, RunState.Failed)]);
        Assert.Equal(DependencyStatus.Ready, DependencyCheck.Judge(report, Monday, Due, Due, facts).Status);
        Assert.Equal(DependencyStatus.Waiting, DependencyCheck.Judge(strict, Monday, Due, Due, facts).Status);
    }

    [Fact]
    public void PreviousBusinessDate_AcrossChuseok_CountsTheDayBeforeTheHoliday()
    {
        // Chuseok 2026: 24-26 September (Thu-Sat), so the business day before Monday 28 September is Wednesday 23.
        var gl = Step("gl-post", "KR-BANK");
        var recon = Step("recon", "KR-BANK", Dependency.OnJob("gl-post", date: DependencyDate.Previous));
        var monday = new DateOnly(2026, 9, 28);
        var waiting = DependencyCheck.Judge(recon, monday, Due, Due, Facts([gl, recon], [("gl-post", new DateOnly(2026, 9, 25), RunState.Succeeded)]));
        Assert.Equal(DependencyStatus.Waiting, waiting.Status);
        Assert.Equal(new DateOnly(2026, 9, 23), Assert.Single(waiting.Lines).Date);

        var ready = DependencyCheck.Judge(recon, monday, Due, Due, Facts([gl, recon], [("gl-post", new DateOnly(2026, 9, 23), RunState.Succeeded)]));
        Assert.Equal(DependencyStatus.Ready, ready.Status);
    }

    [Fact]
    public void UpstreamClosedThatDay_PreviousIsTheDefault_IgnoreAndWaitAreChoices()
    {
        // 1 May (Labour Day) closes banks but not the every-day job that depends on them.
        var bankJob = Step("bank-close", "KR-BANK");
        var may1 = new DateOnly(2026, 5, 1);
        var runs = new[] { ("bank-close", new DateOnly(2026, 4, 30), RunState.Succeeded) };

        var byDefault = Step("daily", null, Dependency.OnJob("bank-close"));
        var previous = DependencyCheck.Judge(byDefault, may1, Due, Due, Facts([bankJob, byDefault], runs));
        Assert.Equal(DependencyStatus.Ready, previous.Status);
        Assert.Equal(ReasonCodes.DependencyClosedPrevious, previous.Lines[0].Why.Code);
        Assert.Equal(new DateOnly(2026, 4, 30), previous.Lines[0].Date);

        var ignoring = Step("daily", null, Dependency.OnJob("bank-close", ifClosed: ClosedUpstream.Ignore));
        var ignored = DependencyCheck.Judge(ignoring, may1, Due, Due, Facts([bankJob, ignoring]));
        Assert.Equal(DependencyStatus.Ready, ignored.Status);
        Assert.Equal(ReasonCodes.DependencyClosedIgnored, ignored.Lines[0].Why.Code);

        var waiting = Step("daily", null, Dependency.OnJob("bank-close", ifClosed: ClosedUpstream.Wait));
        Assert.Equal(DependencyStatus.Waiting, DependencyCheck.Judge(waiting, may1, Due, Due, Facts([bankJob, waiting], runs)).Status);
    }

    [Fact]
    public void Conditions_HoldOnlyForTheirBusinessDate()
    {
        var load = Step("load", "KR-BANK", Dependency.OnCondition("core-eod-file"));
        Assert.Equal(Reason.Of(ReasonCodes.DependencyWaitingCondition, "core-eod-file", "2026-11-30"), DependencyCheck.Judge(load, Monday, Due, Due, Facts([load])).Why);
        Assert.Equal(DependencyStatus.Waiting, DependencyCheck.Judge(load, Monday, Due, Due, Facts([load], conditions: [("core-eod-file", new DateOnly(2026, 11, 27))])).Status);
        Assert.Equal(DependencyStatus.Ready, DependencyCheck.Judge(load, Monday, Due, Due, Facts([load], conditions: [("core-eod-file", Monday)])).Status);
    }

    [Fact]
    public void WaitUntil_ADurationOrALocalTime_TimesTheWaitOut()
    {
        var extract = Step("extract-ledger", "KR-BANK");
        var twoHours = Step("settle", "KR-BANK", Dependency.OnJob("extract-ledger")) with { WaitUntil = new WaitLimit(For: TimeSpan.FromHours(2)) };
        Assert.Equal(DependencyStatus.Waiting, DependencyCheck.Judge(twoHours, Monday, Due, Due.AddHours(2).AddMilliseconds(-1), Facts([extract, twoHours])).Status);
        var timedOut = DependencyCheck.Judge(twoHours, Monday, Due, Due.AddHours(2), Facts([extract, twoHours]));
        Assert.Equal(DependencyStatus.TimedOut, timedOut.Status);
        Assert.Equal(ReasonCodes.DependencyTimedOut, timedOut.Why!.Code);

        // 07:00 is the next morning for a slot due at 22:00.
        var seven = twoHours with { WaitUntil = new WaitLimit(At: new TimeOnly(7, 0)) };
        Assert.Equal(DependencyStatus.Waiting, DependencyCheck.Judge(seven, Monday, Due, Kst(2026, 12, 1, 6, 59), Facts([extract, seven])).Status);
        Assert.Equal(DependencyStatus.TimedOut, DependencyCheck.Judge(seven, Monday, Due, Kst(2026, 12, 1, 7), Facts([extract, seven])).Status);

        // Once the dependencies hold, the deadline does not matter.
        Assert.Equal(DependencyStatus.Ready, DependencyCheck.Judge(seven, Monday, Due, Kst(2026, 12, 2), Facts([extract, seven], [("extract-ledger", Monday, RunState.Succeeded)])).Status);
    }

    [Fact]
    public void AnUpstreamThatIsNoJob_Waits_AndSaysSo()
    {
        var orphan = Step("orphan", null, Dependency.OnJob("gone"));
        Assert.Equal(Reason.Of(ReasonCodes.DependencyUnknownJob, "gone"), DependencyCheck.Judge(orphan, Monday, Due, Due, Facts([orphan])).Why);
    }
}
