// The console's pages. Each view returns the nodes to show; actions go through confirmAction, which asks for a reason.
import { api, el, t, formatTime, flash, every, confirmAction, session } from './app.js';

const DAY = 24 * 60 * 60 * 1000;
const zones = new Map();

function zoneOf(jobId) { return zones.get(jobId) ?? 'Asia/Seoul'; }

async function loadJobs() {
  const jobs = await api('GET', '/api/jobs');
  for (const job of jobs) zones.set(job.id, job.definition?.schedule?.timeZone ?? 'Asia/Seoul');
  return jobs;
}

export const stateBadge = state => el('span', { class: `state ${state}` }, t(`state.${state}`));
export const jobLink = id => el('a', { href: `#/jobs/${encodeURIComponent(id)}` }, id);
export const runLink = id => el('a', { href: `#/runs/${id}` }, `#${id}`);

export function table(headers, rows, empty = t('common.none')) {
  if (rows.length === 0) return el('p', { class: 'muted' }, empty);
  return el('table', {}, el('thead', {}, el('tr', {}, headers.map(h => el('th', {}, h)))), el('tbody', {}, rows.map(cells => el('tr', {}, cells.map(c => el('td', {}, c))))));
}

function result(run) {
  if (run.exitCode !== null && run.exitCode !== undefined) return t('run.exit', run.exitCode);
  if (run.httpStatus) return t('run.http', run.httpStatus);
  return run.skipReason ? t(`reason.${run.skipReason}`) : '';
}

const lateness = run => run.latenessMs === null || run.latenessMs === undefined ? '' : `${(run.latenessMs / 1000).toFixed(1)} s`;

function runRows(runs) {
  return runs.map(r => [runLink(r.id), jobLink(r.jobId), stateBadge(r.state), r.businessDate ?? '', formatTime(r.slotTime ?? r.dueAt, zoneOf(r.jobId)),
    formatTime(r.startedAt, zoneOf(r.jobId)), lateness(r), result(r)]);
}
const runHeaders = () => [t('col.run'), t('col.job'), t('col.state'), t('col.businessDate'), t('col.slot'), t('col.started'), t('col.lateness'), t('col.result')];

// A dashboard tile: the count large, coloured by its tone only when there is something to look at.
const tile = (target, label, count, tone) => el('button', {
  type: 'button', class: count > 0 ? `tile ${tone}` : 'tile', 'data-target': target,
  onclick: () => document.getElementById(target)?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
}, el('span', { class: 'count' }, String(count)), el('span', { class: 'label' }, label));

export const canOperate = () => session.me && session.me.role !== 'viewer';

// The timer is set once per visit; each tick only redraws (setting it in the redraw would double the timers every tick).
async function dashboard() {
  const onDashboard = () => location.hash === '' || location.hash === '#/';
  // Checked again after the requests: the operator may have left while they ran.
  every(5000, async () => { if (!onDashboard()) return; const nodes = await dashboardNodes(); if (onDashboard()) document.getElementById('main').replaceChildren(...nodes); });
  return dashboardNodes();
}

async function dashboardNodes() {
  const since = Date.now() - DAY;
  const [jobs, running, failed, recent, next, alerts, pending] = await Promise.all([
    loadJobs(), api('GET', '/api/runs?state=running&limit=100'), api('GET', '/api/runs?state=failed&limit=200'),
    api('GET', '/api/runs?limit=500'), api('GET', '/api/slots?limit=15'), api('GET', '/api/alerts?limit=20'), api('GET', '/api/approvals?state=pending')]);
  const within = r => new Date(r.finishedAt ?? r.startedAt ?? r.dueAt).getTime() >= since;
  const late = recent.filter(r => r.latenessMs > 60000 && within(r));
  const held = jobs.filter(j => j.held);
  return [
    el('h1', {}, t('nav.dashboard')),
    el('p', { class: 'muted' }, t('time.zoneNote', 'KST (Asia/Seoul)'), ' · ', t('common.updated', formatTime(new Date().toISOString()))),
    // Counts first, in colour, so the state of the night shows at a glance; each tile leads to its table. The tables
    // run the full width below: side by side, at 1366 px, each card cut off half of its eight columns.
    el('div', { class: 'tiles', id: 'tiles' },
      tile('running', t('dash.running'), running.length, 'running'),
      tile('failed', t('dash.failed'), failed.filter(within).length, 'bad'),
      tile('late', t('dash.late'), late.length, 'warn'),
      tile('held', t('dash.held'), held.length, 'warn')),
    el('section', { id: 'running' }, el('h2', {}, `${t('dash.running')} (${running.length})`), table(runHeaders(), runRows(running))),
    el('section', { id: 'failed' }, el('h2', {}, `${t('dash.failed')} (${failed.filter(within).length})`), table(runHeaders(), runRows(failed.filter(within)))),
    el('section', { id: 'late' }, el('h2', {}, `${t('dash.late')} (${late.length})`), table(runHeaders(), runRows(late))),
    el('section', { id: 'held' }, el('h2', {}, `${t('dash.held')} (${held.length})`),
      table([t('col.job'), t('col.heldBy'), t('common.reason')], held.map(j => [jobLink(j.id), j.heldBy ?? '', j.heldReason ?? '']))),
    pending.length ? el('p', { id: 'pending-approvals', class: 'notice' }, el('a', { href: '#/approvals' }, t('dash.pendingApprovals', pending.length))) : null,
    el('section', { id: 'next' }, el('h2', {}, t('dash.next')),
      table([t('col.job'), t('col.slot'), t('col.businessDate')], next.map(s => [jobLink(s.jobId), s.localTime, s.businessDate]))),
    el('section', { id: 'recent-alerts' }, el('h2', {}, t('dash.alerts')), alertTable(alerts.filter(a => new Date(a.createdAt).getTime() >= since))),
  ].filter(Boolean); // replaceChildren writes a null as the text "null"
}

async function jobs() {
  const [all, next, recent] = await Promise.all([loadJobs(), api('GET', '/api/slots?limit=500'), api('GET', '/api/runs?limit=500')]);
  const nextOf = new Map();
  for (const s of next) if (!nextOf.has(s.jobId)) nextOf.set(s.jobId, s);
  const lastOf = new Map();
  for (const r of recent) if (!lastOf.has(r.jobId) && r.state !== 'skipped') lastOf.set(r.jobId, r);
  const owners = [...new Set(all.map(j => j.owner).filter(Boolean))].sort();
  const tags = [...new Set(all.flatMap(j => j.tags))].sort();
  const search = el('input', { type: 'search', placeholder: t('jobs.search'), 'aria-label': t('jobs.search') });
  const owner = el('select', { 'aria-label': t('jobs.owner') }, el('option', { value: '' }, t('common.all')), owners.map(o => el('option', { value: o }, o)));
  const tag = el('select', { 'aria-label': t('jobs.tag') }, el('option', { value: '' }, t('common.all')), tags.map(o => el('option', { value: o }, o)));
  const stateFilter = el('select', { 'aria-label': t('jobs.state') }, el('option', { value: '' }, t('common.all')),
    el('option', { value: 'held' }, t('jobs.stateHeld')), el('option', { value: 'active' }, t('jobs.stateActive')), el('option', { value: 'failed' }, t('jobs.stateFailed')));
  const count = el('p', { class: 'muted' });
  const holder = el('div');
  const render = () => {
    const text = search.value.trim().toLowerCase();
    const shown = all.filter(j =>
      (!text || j.id.toLowerCase().includes(text) || (j.description ?? '').toLowerCase().includes(text)) &&
      (!owner.value || j.owner === owner.value) && (!tag.value || j.tags.includes(tag.value)) &&
      (!stateFilter.value || (stateFilter.value === 'held' ? j.held : stateFilter.value === 'active' ? !j.held : ['failed', 'timed-out', 'killed'].includes(lastOf.get(j.id)?.state))));
    count.textContent = t('jobs.count', shown.length, all.length);
    holder.replaceChildren(table([t('col.job'), t('col.description'), t('col.owner'), t('col.tags'), t('col.schedule'), t('col.state'), t('col.next')],
      shown.map(j => [jobLink(j.id), j.description ?? '', j.owner ?? '', j.tags.join(', '), j.schedule ?? '',
        j.held ? el('span', { class: 'state held' }, t('jobs.stateHeld')) : (lastOf.get(j.id) ? stateBadge(lastOf.get(j.id).state) : ''),
        nextOf.get(j.id) ? `${nextOf.get(j.id).localTime} · ${nextOf.get(j.id).businessDate}` : ''])));
  };
  for (const input of [search, owner, tag, stateFilter]) input.addEventListener('input', render);
  render();
  return [el('h1', {}, t('nav.jobs')), el('section', {}, el('div', { class: 'toolbar' },
    el('label', {}, t('jobs.search'), search), el('label', {}, t('jobs.owner'), owner), el('label', {}, t('jobs.tag'), tag), el('label', {}, t('jobs.state'), stateFilter)), count, holder)];
}

export async function act(method, path, body, message) {
  const answer = await api(method, path, body);
  if (isApproval(answer)) flash(t('approval.waiting', answer.id));
  else if (message) flash(message(answer));
  return answer;
}

// An action configured for four eyes answers with the approval it now waits for, not with its result.
export const isApproval = answer => answer && answer.action && answer.requestedBy && answer.state === 'pending';


async function job([id]) {
  if (!id) return jobs();
  const [record, explain, versions] = await Promise.all([api('GET', `/api/jobs/${encodeURIComponent(id)}`), api('GET', `/api/jobs/${encodeURIComponent(id)}/explain?next=20&recent=20`),
    api('GET', `/api/jobs/${encodeURIComponent(id)}/versions?limit=50`)]);
  zones.set(id, record.definition?.schedule?.timeZone ?? 'Asia/Seoul');
  const reload = () => { location.hash = `#/jobs/${encodeURIComponent(id)}?${Date.now()}`; };
  const actions = el('div', { class: 'actions' });
  if (canOperate()) {
    actions.append(record.held
      ? el('button', { id: 'release', onclick: () => confirmAction(t('job.confirmRelease', id), reason => act('POST', `/api/jobs/${encodeURIComponent(id)}/release`, { reason })).then(r => r && reload()) }, t('job.release'))
      : el('button', { id: 'hold', class: 'danger', onclick: () => confirmAction(t('job.confirmHold', id), reason => act('POST', `/api/jobs/${encodeURIComponent(id)}/hold`, { reason })).then(r => r && reload()) }, t('job.hold')));
    actions.append(el('button', {
      id: 'trigger', class: 'secondary', onclick: () => {
        const date = el('input', { type: 'date', id: 'trigger-date' });
        // A day the job's calendar closed is refused until the operator ticks this: the refusal explains why.
        const closedDay = el('input', { type: 'checkbox', id: 'trigger-closed-day' });
        confirmAction(t('job.confirmTrigger', id), reason => act('POST', `/api/jobs/${encodeURIComponent(id)}/trigger`, { reason, businessDate: date.value || undefined, confirmClosedDay: closedDay.checked },
          created => t('job.triggered', created.runId, created.businessDate)), [el('label', {}, t('job.triggerDate'), date), el('label', { class: 'check' }, closedDay, t('job.triggerClosedDay'))]).then(r => r && (location.hash = isApproval(r) ? '#/approvals' : `#/runs/${r.runId}`));
      },
    }, t('job.trigger')));
    if (explain.next.length) {
      actions.append(el('button', { id: 'skip-next', class: 'secondary', onclick: () => confirmAction(t('job.confirmSkipNext', id), reason => act('POST', `/api/jobs/${encodeURIComponent(id)}/skip-next`, { reason },
        skipped => t('job.skippedSlot', formatTime(skipped.slotTime, zoneOf(id))))).then(r => r && reload()) }, t('job.skipNext')));
    }
  }
  return [
    el('h1', {}, record.id),
    el('section', {},
      el('dl', { class: 'facts' },
        el('dt', {}, t('col.description')), el('dd', {}, record.description ?? ''),
        el('dt', {}, t('col.schedule')), el('dd', {}, explain.schedule),
        el('dt', {}, t('col.owner')), el('dd', {}, record.owner ?? ''),
        el('dt', {}, t('col.tags')), el('dd', {}, record.tags.join(', ')),
        el('dt', {}, t('col.state')), el('dd', { id: 'job-state' }, record.held ? t('job.heldNote', record.heldBy ?? '', record.heldReason ?? '') : t('job.notHeld'))),
      actions),
    el('section', { id: 'slots' }, el('h2', {}, t('job.nextSlots')),
      table([t('col.slot'), t('col.businessDate'), t('col.willRun'), t('col.detail')], explain.next.map(s => [s.localTime, s.businessDate,
        s.willRun ? t('slot.runs') : el('span', { class: 'state skipped' }, t('slot.skipped', t(`reason.${s.skipReason}`))), s.detail ?? '']))),
    canOperate() && explain.next.length ? backfillSection(id) : null,
    el('section', { id: 'history' }, el('h2', {}, t('job.history')), table(runHeaders(), runRows(explain.recent))),
    versionsSection(id, versions),
    el('section', {}, el('h2', {}, t('job.definition')), el('pre', {}, JSON.stringify(record.definition, null, 2))),
  ];
}

/** Definition history: each version with who, when, why and the fields it changed; a version's definition on demand. */
function versionsSection(id, versions) {
  const shown = el('pre', { id: 'version-definition', hidden: true });
  const show = async n => {
    const version = await api('GET', `/api/jobs/${encodeURIComponent(id)}/versions/${n}`);
    shown.textContent = `${t('versions.definitionAt', version.version)}\n${JSON.stringify(version.definition, null, 2)}`;
    shown.hidden = false;
  };
  return el('section', { id: 'versions' }, el('h2', {}, t('versions.title')),
    table([t('versions.version'), t('col.when'), t('col.actor'), t('versions.reason'), t('versions.kind'), t('versions.changed')],
      versions.map(v => [el('button', { class: 'secondary', onclick: () => show(v.version).catch(e => flash(e.message, true)) }, String(v.version)), formatTime(v.changedAt, zoneOf(id)), v.changedBy,
        v.reason ?? '', t(`versionKind.${v.kind}`), v.changed.length ? v.changed.join(', ') : ''])),
    shown);
}

/** Backfill: choose business dates, see every slot they cover, then confirm with a reason. */
function backfillSection(id) {
  const from = el('input', { type: 'date', id: 'backfill-from', required: true });
  const to = el('input', { type: 'date', id: 'backfill-to', required: true });
  const preview = el('div', { id: 'backfill-preview' });
  const path = `/api/jobs/${encodeURIComponent(id)}/backfill`;
  const show = async () => {
    try {
      const plan = await api('POST', path, { from: from.value, to: to.value });
      const count = plan.slots.filter(s => s.willRun).length;
      preview.replaceChildren(
        table([t('col.slot'), t('col.businessDate'), t('backfill.existing'), t('col.willRun')], plan.slots.map(s => [s.slotLocal, s.businessDate,
          s.existingRunId ? [runLink(s.existingRunId), ' ', stateBadge(s.existingState)] : '', s.willRun ? t('slot.runs') : t('backfill.alreadyDone')])),
        el('p', {}, t('backfill.summary', count, plan.from, plan.to)),
        count === 0 ? null : el('button', { id: 'backfill-confirm', class: 'danger', onclick: () => confirmAction(t('backfill.confirm', count, id, plan.from, plan.to),
          reason => act('POST', path, { from: plan.from, to: plan.to, reason, confirm: true }, done => t('backfill.queued', done.createdRunIds.length))).then(r => r && show()) }, t('backfill.run', count)));
    } catch (e) {
      preview.replaceChildren(el('p', { class: 'error' }, e.message));
    }
  };
  return el('section', { id: 'backfill' }, el('h2', {}, t('backfill.title')), el('p', { class: 'muted' }, t('backfill.help')),
    el('div', { class: 'toolbar' }, el('label', {}, t('backfill.from'), from), el('label', {}, t('backfill.to'), to),
      el('button', { id: 'backfill-show', class: 'secondary', onclick: show }, t('backfill.preview'))), preview);
}

// Jobs by business date, as Airflow's grid: one square per job and date, coloured by the state of that date's latest
// run, so a column of red or a hole in a row shows at a glance. A square leads to the run; its title says the rest.
async function grid() {
  const data = await api('GET', '/api/grid?days=30');
  const intro = el('p', { class: 'muted' }, t('grid.intro'));
  if (data.dates.length === 0) return [el('h1', {}, t('nav.grid')), el('section', {}, intro, el('p', { class: 'muted' }, t('grid.empty')))];
  const failedStates = ['failed', 'timed-out', 'killed'];
  const square = (job, date, cell) => {
    if (!cell) return el('span', { class: 'sq none', title: t('grid.noRun', job, date) });
    const says = t('grid.cell', job, date, t(`state.${cell.state}`), cell.runs, cell.failed);
    const recovered = cell.failed > 0 && !failedStates.includes(cell.state) ? ' recovered' : '';
    return el('a', { href: `#/runs/${cell.runId}`, class: `sq ${cell.state}${recovered}`, title: says, 'aria-label': says });
  };
  const legend = el('p', { class: 'legend' },
    ['succeeded', 'failed', 'running', 'waiting', 'skipped', 'scheduled'].map(s => el('span', {}, el('span', { class: `sq ${s}` }), t(`state.${s}`))),
    el('span', {}, el('span', { class: 'sq succeeded recovered' }), t('grid.recovered')),
    el('span', {}, el('span', { class: 'sq none' }), t('grid.none')));
  const head = el('tr', {}, el('th', {}, t('col.job')), data.dates.map(d => el('th', { class: 'date', title: d }, d.slice(5))));
  const rows = data.jobs.map(row => {
    const byDate = new Map(row.cells.map(c => [c.businessDate, c]));
    return el('tr', { 'data-job': row.jobId }, el('th', {}, jobLink(row.jobId)),
      data.dates.map(d => el('td', { 'data-date': d }, square(row.jobId, d, byDate.get(d)))));
  });
  return [el('h1', {}, t('nav.grid')),
    el('section', { id: 'grid' }, intro, legend, el('table', { class: 'grid' }, el('thead', {}, head), el('tbody', {}, rows)))];
}

async function runs([id]) {
  if (id) return run(id);
  await loadJobs();
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const jobInput = el('input', { value: params.get('job') ?? '', 'aria-label': t('runs.filterJob') });
  const stateInput = el('select', { 'aria-label': t('runs.filterState') }, el('option', { value: '' }, t('common.all')),
    ['scheduled', 'queued', 'waiting', 'running', 'succeeded', 'failed', 'timed-out', 'killed', 'skipped'].map(s => el('option', { value: s, selected: params.get('state') === s }, t(`state.${s}`))));
  const query = new URLSearchParams({ limit: '200' });
  if (params.get('job')) query.set('job', params.get('job'));
  if (params.get('state')) query.set('state', params.get('state'));
  const list = await api('GET', `/api/runs?${query}`);
  const apply = () => { location.hash = `#/runs?${new URLSearchParams(Object.entries({ job: jobInput.value.trim(), state: stateInput.value }).filter(([, v]) => v))}`; };
  jobInput.addEventListener('change', apply);
  stateInput.addEventListener('change', apply);
  return [el('h1', {}, t('nav.runs')), el('section', {}, el('div', { class: 'toolbar' }, el('label', {}, t('runs.filterJob'), jobInput), el('label', {}, t('runs.filterState'), stateInput)),
    table(runHeaders(), runRows(list)))];
}

const FINAL = ['succeeded', 'failed', 'timed-out', 'killed', 'skipped'];

async function run(id) {
  const [r, events, alerts] = await Promise.all([api('GET', `/api/runs/${id}`), api('GET', `/api/runs/${id}/events`), api('GET', `/api/alerts?run=${id}`)]);
  if (!zones.has(r.jobId)) await loadJobs();
  const zone = zoneOf(r.jobId);
  const log = el('div', { class: 'log', id: 'log' });
  let after = 0;
  const pull = async () => {
    const lines = await api('GET', `/api/runs/${id}/logs?after=${after}&limit=1000`);
    for (const line of lines) {
      log.append(el('div', { class: line.stream }, line.text));
      after = line.seq;
    }
    if (after === 0 && log.childElementCount === 0) log.replaceChildren(el('span', { class: 'muted' }, t('run.logEmpty')));
    if (lines.length) log.scrollTop = log.scrollHeight;
  };
  await pull();
  const live = !FINAL.includes(r.state);
  if (live) {
    const here = () => location.hash.split('?')[0] === `#/runs/${id}`;
    every(1000, async () => {
      if (!here()) return;
      if (log.firstChild?.classList?.contains('muted')) log.replaceChildren();
      await pull();
      const now = await api('GET', `/api/runs/${id}`);
      if (now.state !== r.state && here()) location.hash = `#/runs/${id}?${Date.now()}`;
    });
  }
  const actions = el('div', { class: 'actions' });
  if (canOperate()) {
    if (!FINAL.includes(r.state)) {
      actions.append(el('button', { id: 'kill', class: 'danger', onclick: () => confirmAction(t('run.confirmKill', id, r.jobId), reason => act('POST', `/api/runs/${id}/kill`, { reason }))
        .then(x => x && (location.hash = `#/runs/${id}?${Date.now()}`)) }, t('run.kill')));
    } else {
      actions.append(el('button', { id: 'rerun', onclick: () => confirmAction(t('run.confirmRerun', id, r.jobId, r.businessDate ?? ''), reason => act('POST', `/api/runs/${id}/rerun`, { reason }, c => t('run.rerunQueued', c.runId)))
        .then(x => x && (location.hash = isApproval(x) ? `#/approvals` : `#/runs/${x.runId}`)) }, t('run.rerun')));
    }
    if (['failed', 'timed-out', 'killed'].includes(r.state)) {
      actions.append(el('button', { id: 'mark-succeeded', class: 'secondary', onclick: () => confirmAction(t('run.confirmMarkSucceeded', id, r.jobId), reason => act('POST', `/api/runs/${id}/mark-succeeded`, { reason },
        () => t('run.markedSucceeded', id))).then(x => x && (location.hash = `#/runs/${id}?${Date.now()}`)) }, t('run.markSucceeded')));
    }
  }
  return [
    el('h1', {}, t('run.title', id), ' ', stateBadge(r.state)),
    el('section', {},
      el('dl', { class: 'facts' },
        el('dt', {}, t('col.job')), el('dd', {}, jobLink(r.jobId)),
        el('dt', {}, t('col.businessDate')), el('dd', {}, r.businessDate ?? ''),
        el('dt', {}, t('col.slot')), el('dd', {}, formatTime(r.slotTime, zone)),
        el('dt', {}, t('col.trigger')), el('dd', {}, r.trigger),
        el('dt', {}, t('col.attempt')), el('dd', {}, String(r.attempt)),
        el('dt', {}, t('col.started')), el('dd', {}, formatTime(r.startedAt, zone)),
        el('dt', {}, t('col.finished')), el('dd', {}, formatTime(r.finishedAt, zone)),
        el('dt', {}, t('col.lateness')), el('dd', {}, lateness(r)),
        el('dt', {}, t('col.result')), el('dd', { id: 'run-result' }, result(r)),
        el('dt', {}, t('col.detail')), el('dd', {}, r.detail ?? ''),
        el('dt', {}, t('run.requestedBy')), el('dd', {}, r.requestedBy ?? ''),
        el('dt', {}, t('run.node')), el('dd', {}, r.node ?? ''),
        r.rerunOf ? [el('dt', {}, t('run.rerunOf')), el('dd', {}, runLink(r.rerunOf))] : null),
      actions),
    el('section', {}, el('h2', {}, t('run.log'), live ? el('span', { class: 'muted' }, ` · ${t('run.logLive')}`) : null), log),
    el('section', {}, el('h2', {}, t('run.events')),
      table([t('col.when'), t('col.state'), t('col.attempt'), t('col.detail')], events.map(e => [formatTime(e.at, zone), `${e.from ? t(`state.${e.from}`) + ' → ' : ''}${t(`state.${e.to}`)}`, String(e.attempt), e.detail ?? '']))),
    el('section', { id: 'alerts' }, el('h2', {}, t('run.alerts')), alertTable(alerts, zone)),
  ];
}

async function calendars([id, month]) {
  const list = await api('GET', '/api/calendars');
  const calendar = (id ?? 'KR-BANK').toUpperCase();
  const today = new Date();
  const [year, mon] = (month ?? `${today.getFullYear()}-${today.getMonth() + 1}`).split('-').map(Number);
  const [grid, overrides] = await Promise.all([api('GET', `/api/calendars/${calendar}/month/${year}/${mon}`), api('GET', `/api/calendars/${calendar}/overrides?history=true`)]);
  const go = (y, m) => { const d = new Date(y, m - 1, 1); location.hash = `#/calendars/${calendar}/${d.getFullYear()}-${d.getMonth() + 1}`; };
  const picker = el('select', { 'aria-label': t('nav.calendars'), onchange: e => { location.hash = `#/calendars/${e.target.value}/${year}-${mon}`; } },
    list.map(c => el('option', { value: c.id, selected: c.id === calendar }, `${c.id} — ${c.description}${c.kind === 'institution' ? ` (${t('cal.institution', (c.bases ?? []).join(' + '))})` : ''}`)));
  const institution = list.find(c => c.id === calendar)?.kind === 'institution';
  const definition = institution ? await api('GET', `/api/calendars/${calendar}/definition`) : null;
  const korean = session.language === 'ko';
  const first = new Date(Date.UTC(year, mon - 1, 1)).getUTCDay();
  const blanks = Array.from({ length: (first + 6) % 7 }, () => el('div'));
  const cells = grid.days.map(d => el('div', { class: `day ${d.businessDay ? '' : d.weekend && !d.name ? 'weekend' : 'closed'} ${d.overridden ? 'override' : ''}`, 'data-date': d.date, title: decidedBy(d) },
    el('div', { class: 'num' }, String(Number(d.date.slice(8)))),
    d.name || d.nameKo ? el('div', {}, korean ? (d.nameKo ?? d.name) : (d.name ?? d.nameKo)) : null,
    // A plain weekend day's layer is noise; a holiday or override from a layer below is what an operator asks about.
    d.overridden || (d.layer && d.layer !== calendar && d.name) ? el('div', { class: 'muted layer' }, decidedBy(d)) : null));
  const layers = list.find(c => c.id === calendar)?.layers ?? [calendar];
  return [
    el('h1', {}, t('cal.title', calendar)),
    layers.length > 1 ? el('p', { class: 'muted', id: 'layers' }, t('cal.layers', layers.join(' → '))) : null,
    el('section', {},
      el('div', { class: 'toolbar' }, picker,
        el('button', { class: 'secondary', onclick: () => go(year, mon - 1) }, `← ${t('cal.prev')}`),
        el('strong', {}, `${year}-${String(mon).padStart(2, '0')}`),
        el('button', { class: 'secondary', onclick: () => go(year, mon + 1) }, `${t('cal.next')} →`),
        el('span', { class: 'muted' }, t('cal.businessDays', grid.businessDays))),
      el('div', { class: 'month', id: 'month' }, [0, 1, 2, 3, 4, 5, 6].map(i => el('div', { class: 'head' }, t(`cal.weekday.${i}`))), blanks, cells)),
    definition ? definitionSection(definition, korean) : null,
    el('section', { id: 'overrides' }, el('h2', {}, t('cal.overrides')),
      table([t('col.date'), t('col.action'), t('col.name'), t('cal.layer'), t('col.actor'), t('col.when'), t('common.reason'), t('col.source'), t('col.state')],
        overrides.slice().reverse().map(o => [o.date, o.action, korean ? (o.nameKo ?? o.name ?? '') : (o.name ?? o.nameKo ?? ''),
          o.inherited ? el('span', { class: 'inherited' }, t('cal.inheritedFrom', o.calendar)) : o.calendar,
          o.actor, formatTime(o.at), o.reason ?? '', o.source ?? '', o.inForce ? t('cal.inForce') : t('cal.superseded')]))),
  ];
}

// "closed by KR-BANK (override)": which calendar of the layers decided the day, and whether an override did.
function decidedBy(day) {
  if (!day.layer) return null;
  return t(`cal.${day.businessDay ? 'openedBy' : 'closedBy'}${day.overridden ? 'Override' : ''}`, day.layer);
}

// An institution calendar's definition: what it is built on and what it changes, read-only (the API or the settings file changes it).
function definitionSection(v, korean) {
  const d = v.definition;
  return el('section', { id: 'definition' }, el('h2', {}, t('cal.def.title')),
    el('dl', {},
      el('dt', {}, t('cal.def.source')), el('dd', {}, v.source === 'settings' ? t('cal.def.fromSettings') : t('cal.def.version', v.version, v.changedBy ?? '', formatTime(v.changedAt), v.reason ?? '')),
      el('dt', {}, t('cal.def.bases')), el('dd', {}, (d.base ?? []).join(' + ')),
      el('dt', {}, t('cal.def.weekend')), el('dd', {}, d.weekend ?? t('cal.def.basesWeekend')),
      el('dt', {}, t('cal.def.zone')), el('dd', {}, `${d.timeZone} · ${t('cal.def.newDayAt', d.businessDate?.newDayAt ?? '00:00')} · ${d.businessDate?.closedDays ?? ''}`)),
    table([t('col.date'), t('col.action'), t('col.name')],
      [...(d.add ?? []).map(a => [a.date, t('cal.closed'), korean ? (a.nameKo ?? a.name) : a.name]), ...(d.remove ?? []).map(r => [r, t('cal.open'), ''])]
        .sort((a, b) => a[0].localeCompare(b[0]))));
}

function alertTable(alerts, zone) {
  return table([t('col.when'), t('col.run'), t('alert.kind'), t('alert.webhook'), t('col.detail'), t('alert.delivery')],
    alerts.map(a => [formatTime(a.createdAt, zone), runLink(a.runId), t(`alert.${a.kind}`), a.webhook, a.message,
      el('span', { class: `state ${a.delivery === 'sent' ? 'succeeded' : a.delivery === 'failed' ? 'failed' : 'queued'}` }, a.error ? `${t(`delivery.${a.delivery}`)}: ${a.error}` : t(`delivery.${a.delivery}`))]));
}

async function approvals() {
  const list = await api('GET', '/api/approvals?limit=200');
  const reload = () => { location.hash = `#/approvals?${Date.now()}`; };
  const decide = (a, verb) => confirmAction(t(`approval.confirm.${verb}`, a.id, a.summary), reason => act('POST', `/api/approvals/${a.id}/${verb}`, { reason },
    d => t(`approval.done.${verb}`, d.id))).then(x => x && reload());
  const mine = a => session.me && a.requestedBy === session.me.name;
  const rows = list.map(a => [String(a.id), a.summary, a.requestedBy, a.reason ?? '', formatTime(a.requestedAt), el('span', { class: `state approval-${a.state}` }, t(`approval.state.${a.state}`)),
    a.decidedBy ? `${a.decidedBy}${a.decisionReason ? `: ${a.decisionReason}` : ''}` : '', a.outcome ?? '',
    a.state === 'pending' && canOperate() ? el('div', { class: 'actions' },
      mine(a) ? null : el('button', { class: 'approve', onclick: () => decide(a, 'approve') }, t('approval.approve')),
      el('button', { class: 'secondary reject', onclick: () => decide(a, 'reject') }, mine(a) ? t('approval.withdraw') : t('approval.reject'))) : '']);
  return [el('h1', {}, t('nav.approvals')), el('section', {}, el('p', { class: 'muted' }, t('approval.help')),
    table([t('col.id'), t('col.detail'), t('approval.requestedBy'), t('common.reason'), t('col.when'), t('col.state'), t('approval.decidedBy'), t('approval.outcome'), ''], rows))];
}

async function users() {
  const list = await api('GET', '/api/users');
  const reload = () => { location.hash = `#/users?${Date.now()}`; };
  const change = (u, body, message) => confirmAction(message, () => act('PATCH', `/api/users/${encodeURIComponent(u.name)}`, body, () => t('users.changed', u.name))).then(x => x && reload());
  const roleSelect = u => el('select', { 'aria-label': t('users.role'), onchange: e => change(u, { role: e.target.value }, t('users.confirmRole', u.name, e.target.value)) },
    ['viewer', 'operator', 'admin'].map(r => el('option', { value: r, selected: r === u.role }, r)));
  const name = el('input', { id: 'user-name', required: true, autocomplete: 'off' });
  const role = el('select', { id: 'user-role' }, ['viewer', 'operator', 'admin'].map(r => el('option', { value: r }, r)));
  const password = el('input', { id: 'user-password', type: 'password', required: true, autocomplete: 'new-password', minlength: 12 });
  const owners = el('input', { id: 'user-owners', placeholder: t('users.ownersHint') });
  const error = el('p', { class: 'error', hidden: true });
  const form = el('form', { class: 'toolbar', onsubmit: async e => {
    e.preventDefault();
    try {
      const scope = owners.value.split(',').map(o => o.trim()).filter(Boolean);
      await act('POST', '/api/users', { name: name.value.trim(), role: role.value, password: password.value, owners: scope }, u => t('users.added', u.name));
      reload();
    } catch (err) { error.textContent = err.message; error.hidden = false; }
  } }, el('label', {}, t('users.name'), name), el('label', {}, t('users.role'), role), el('label', {}, t('users.password'), password),
    el('label', {}, t('users.owners'), owners), el('button', { type: 'submit' }, t('users.add')));
  return [el('h1', {}, t('nav.users')),
    el('section', {}, table([t('users.name'), t('users.role'), t('users.owners'), t('col.state'), ''], list.map(u => [u.name, roleSelect(u), u.owners.join(', ') || t('users.allJobs'),
      u.disabled ? t('users.disabled') : t('users.enabled'),
      el('button', { class: 'secondary', onclick: () => change(u, { disabled: !u.disabled }, t(u.disabled ? 'users.confirmEnable' : 'users.confirmDisable', u.name)) }, u.disabled ? t('users.enable') : t('users.disable'))]))),
    el('section', {}, el('h2', {}, t('users.add')), form, error)];
}

async function audit() {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const target = el('input', { value: params.get('target') ?? '', placeholder: t('audit.filter'), 'aria-label': t('audit.filter') });
  target.addEventListener('change', () => { location.hash = target.value.trim() ? `#/audit?target=${encodeURIComponent(target.value.trim())}` : '#/audit'; });
  const query = new URLSearchParams({ limit: '300' });
  if (params.get('target')) query.set('target', params.get('target'));
  const entries = await api('GET', `/api/audit?${query}`);
  return [el('h1', {}, t('nav.audit')), el('section', {}, el('div', { class: 'toolbar' }, el('label', {}, t('audit.filter'), target)),
    table([t('col.when'), t('col.actor'), t('col.action'), t('col.target'), t('common.reason'), t('col.change'), t('col.detail'), t('col.source')],
      entries.map(e => [formatTime(e.at), e.actor, e.action, e.target, e.reason ?? '', e.before || e.after ? `${e.before ?? '—'} → ${e.after ?? '—'}` : '',
        el('span', { class: 'detail' }, (e.detail ?? '').length > 300 ? `${e.detail.slice(0, 300)}…` : e.detail ?? ''), e.source ?? ''])))];
}

export const views = { dashboard, jobs: job, runs, grid, calendars, approvals, users, audit };
