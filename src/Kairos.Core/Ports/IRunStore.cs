using Kairos.Core.Runs;
using Kairos.Core.Triggers;

namespace Kairos.Core.Ports;

public interface IRunStore
{
    /// <summary>
    /// Creates slot runs; a (job, slot time) that already has a run is left as it is. Returns how many were created.
    /// This is the exactly-once guarantee: it holds for any number of planners on one store.
    /// </summary>
    Task<int> AddSlotRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Creates a run that has no slot (manual, rerun, event) and returns its id.</summary>
    Task<long> AddRunAsync(NewRun run, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates several runs without a slot in one transaction, all or none, and returns their ids in order: a rerun from a
    /// step creates the step's rerun and its downstream's waiting runs together, so a crash cannot leave half of them.
    /// </summary>
    Task<IReadOnlyList<long>> AddRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the run a message triggers, and keeps the message with it, inside <paramref name="transaction"/> (the
    /// consumer's inbox transaction, so the run and the record that the message was processed commit together).
    /// A (job, message id) that already has a run is left as it is: returns that run's id and false.
    /// </summary>
    Task<(long RunId, bool Created)> AddEventRunAsync(NewRun run, TriggerMessage message, IStoreTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The message an event-triggered run was created for; null for other runs.</summary>
    Task<TriggerMessage?> TriggerMessageAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> runs due by <paramref name="dueBy"/> for <paramref name="node"/>, or skips
    /// them, as <see cref="ClaimDecision"/> says (and, for slots claimed late, the job's misfire policy). A claimed run
    /// stays waiting: it is the node's until <see cref="Run.LeaseUntil"/> (its planned start, in
    /// <see cref="Run.StartedAt"/>, plus <paramref name="claimFor"/>), counts as occupying its job for overlap, and
    /// becomes running only through <see cref="StartAsync"/>. A claim that lapses (its node died) is claimed again by
    /// any node. Two nodes never hold the same run, and two claims never both start runs of one forbid job.
    /// </summary>
    /// <param name="claimsAhead">
    /// Which jobs' runs this node claims before they are due; null for all. Nodes share the claiming ahead, so one that
    /// dies holds only its share of the next runs; runs already due are claimed by any node.
    /// </param>
    Task<ClaimResult> ClaimDueAsync(string node, DateTimeOffset now, DateTimeOffset dueBy, TimeSpan claimFor, int max, MisfireRule? misfire = null,
        Func<string, bool>? claimsAhead = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The node begins these claimed runs now: each becomes running with a new attempt, leased until
    /// <paramref name="now"/> + <paramref name="lease"/>. Written before any action begins, so a run whose node dies
    /// later is known to have started. Returns the runs started; a run whose claim lapsed and was taken by another
    /// node, or that an operator cancelled meanwhile, is not among them and must not run here.
    /// </summary>
    Task<IReadOnlyList<Run>> StartAsync(string node, IReadOnlyList<Run> claimed, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives up claims of <paramref name="node"/> that have not started (all of them when <paramref name="runIds"/> is null).</summary>
    Task ReleaseClaimsAsync(string node, IReadOnlyList<long>? runIds, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// When the next waiting run can be claimed: its due time, or for a run another node holds, when that claim lapses
    /// (plus <paramref name="claimAhead"/>, since callers wake that long before a due time). Null when nothing waits.
    /// </summary>
    Task<DateTimeOffset?> NextDueAtAsync(DateTimeOffset now, TimeSpan claimAhead, CancellationToken cancellationToken = default);

    /// <summary>Records attempt outcomes; a completion for an attempt that is no longer current is ignored.</summary>
    Task CompleteAsync(IReadOnlyList<RunCompletion> completions, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands running runs whose action never began (their journal has no trace of it) back to the queue, as they were
    /// before they started, so another node (or this one after a restart) runs them.
    /// </summary>
    Task ReleaseAsync(IReadOnlyList<Run> runs, string why, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task RenewLeasesAsync(string node, IReadOnlyList<long> runIds, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Running runs of <paramref name="node"/> whose lease ended before <paramref name="now"/>: the node no longer follows them.</summary>
    Task<IReadOnlyList<Run>> ExpiredLeasesAsync(DateTimeOffset now, string node, CancellationToken cancellationToken = default);

    /// <summary>
    /// Running runs of other nodes than <paramref name="except"/> that have not said they are alive since
    /// <paramref name="silentSince"/> (or never did): their node may be dead.
    /// </summary>
    Task<IReadOnlyList<Run>> RunningOnSilentNodesAsync(DateTimeOffset silentSince, string except, CancellationToken cancellationToken = default);

    /// <summary>Marks a running run to be killed by whichever node runs it. False when it is not running.</summary>
    Task<bool> RequestKillAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Cancels a run that has not started yet (it becomes killed). False when it is not waiting.</summary>
    Task<bool> CancelWaitingAsync(long runId, string actor, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Ids of runs owned by <paramref name="node"/> that someone asked to kill.</summary>
    Task<IReadOnlyList<long>> KillRequestsAsync(string node, CancellationToken cancellationToken = default);

    /// <summary>
    /// An operator's verdict that a failed, timed-out or killed run did its work after all: it becomes succeeded.
    /// False when the run is in any other state.
    /// </summary>
    Task<bool> MarkSucceededAsync(long runId, string detail, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a slot skipped before it runs: its waiting run becomes skipped, or a skipped run is recorded for it when the
    /// planner has not created one yet. False when the slot's run has already started or ended.
    /// </summary>
    Task<bool> SkipSlotAsync(NewRun skipped, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Runs that are due and not finished, plus runs finished at or after <paramref name="finishedSince"/>: what alerts look at.</summary>
    Task<IReadOnlyList<Run>> ActiveOrFinishedSinceAsync(DateTimeOffset finishedSince, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>How many runs are in each unfinished state, and how many are due by <paramref name="now"/> but not started (the queue).</summary>
    Task<RunCounts> CountAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Run?> GetAsync(long id, CancellationToken cancellationToken = default);

    Task<Run?> GetBySlotAsync(string jobId, DateTimeOffset slotTime, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Run>> ListAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>Runs of a job with a slot time in [from, to), in slot order.</summary>
    Task<IReadOnlyList<Run>> SlotRunsAsync(string jobId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Runs of a job for business dates in [<paramref name="from"/>, <paramref name="to"/>], whatever created them, in id order.</summary>
    Task<IReadOnlyList<Run>> BusinessDateRunsAsync(string jobId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the runs of jobs without a schedule that run once per business date after their dependencies, in state
    /// waiting. A (job, business date) that already has such a run is left as it is, for any number of nodes: this is
    /// their exactly-once guarantee, as (job, slot) is for slots. Returns how many were created.
    /// </summary>
    Task<int> AddDependencyRunsAsync(IReadOnlyList<NewRun> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="AddDependencyRunsAsync"/>, for runs whose dependencies already hold: each is created released (state
    /// scheduled, ready from its due time, <c>Why</c> its recorded transition), as a waiting run released at once would be,
    /// without the waiting step. A (job, business date) that already has a dependency run, in any state, is left as it is.
    /// Returns the ids of the runs created.
    /// </summary>
    Task<IReadOnlyList<long>> AddReleasedDependencyRunsAsync(IReadOnlyList<(NewRun Run, string Why)> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Runs in state waiting (held back by their dependencies) due by <paramref name="dueBy"/>, oldest due first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Run>> DependencyWaitingAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waiting runs whose dependencies hold become scheduled, due <paramref name="now"/>; lateness (misfire) is judged
    /// from now on, not from their slot. Only runs still waiting change (another node may have released or an operator
    /// cancelled one). Returns the ids that changed.
    /// </summary>
    Task<IReadOnlyList<long>> ReleaseWaitingAsync(IReadOnlyList<(long RunId, string Why)> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Writes why each waiting run still waits (its detail, a stored reason) where it changed; runs no longer waiting are left alone.</summary>
    Task NoteWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Waiting runs that waited past their job's waitUntil become skipped (dependency-timeout) with the detail given. Returns the runs that changed.</summary>
    Task<IReadOnlyList<Run>> TimeOutWaitingAsync(IReadOnlyList<(long RunId, string Detail)> runs, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>(job, business date, state) of every run of <paramref name="jobIds"/> for business dates in [from, to], in id order: what dependency checks read.</summary>
    Task<IReadOnlyList<(string JobId, DateOnly BusinessDate, RunState State)>> DateStatesAsync(IReadOnlyCollection<string> jobIds, DateOnly from, DateOnly to,
        CancellationToken cancellationToken = default);

    /// <summary>The distinct (job, business date) of runs of <paramref name="jobIds"/> that ended at or after <paramref name="since"/>: the dates dependency runs are created for.</summary>
    Task<IReadOnlyList<(string JobId, DateOnly BusinessDate)>> EndedDatesSinceAsync(IReadOnlyCollection<string> jobIds, DateTimeOffset since,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunEvent>> EventsAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>The latest <paramref name="count"/> business dates on or before <paramref name="until"/> that any run of <paramref name="jobIds"/> (null: every job) has, newest first.</summary>
    Task<IReadOnlyList<DateOnly>> RecentBusinessDatesAsync(IReadOnlyCollection<string>? jobIds, DateOnly until, int count, CancellationToken cancellationToken = default);

    /// <summary>One cell per (job, business date) in [from, to] that has runs, for <paramref name="jobIds"/> (null: every job), ordered by job and date.</summary>
    Task<IReadOnlyList<DateCell>> DateCellsAsync(IReadOnlyCollection<string>? jobIds, DateOnly from, DateOnly to, CancellationToken cancellationToken = default);
}
