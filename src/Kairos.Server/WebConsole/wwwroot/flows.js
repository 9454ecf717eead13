// Flows: the list, and one flow run drawn as its graph (a box per step coloured by state, edges for "runs after") and
// as a timeline of the business date (which step ran when), so an operator sees at a glance what failed and where
// the night went. Boxes and bars lead to the step's run and its live log.
import { api, el, t, formatTime, every, confirmAction } from './app.js';
import { stateBadge, runLink, jobLink, table, canOperate, act, isApproval } from './views.js';

const SVG = 'http://www.w3.org/2000/svg';
const BOX = { width: 210, height: 70, gapX: 56, gapY: 18 };
const FLOW_ENDED = ['succeeded', 'failed'];

/** An SVG element: attributes, then children (strings become text nodes). */
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

export async function flows([name, date]) {
  if (name) return flowRun(name, date);
  const list = await api('GET', '/api/flows');
  const rows = list.map(f => [el('a', { href: `#/flows/${encodeURIComponent(f.name)}${f.latest ? `/${f.latest.businessDate}` : ''}` }, f.name),
    String(f.steps.length), f.cron ? `${f.cron}${f.calendar ? ` (${f.calendar})` : ''}` : t('flows.noSchedule'), t(`flows.onFailure.${f.onFailure}`),
    f.latest?.businessDate ?? '', f.latest ? stateBadge(f.latest.state) : '']);
  return [el('h1', {}, t('nav.flows')),
    el('section', { id: 'flows' }, el('p', { class: 'muted' }, t('flows.intro')),
      table([t('col.flow'), t('flows.steps'), t('col.schedule'), t('flows.onFailure'), t('col.businessDate'), t('col.state')], rows, t('flows.empty')))];
}

async function flowRun(name, date) {
  const list = await api('GET', '/api/flows');
  const flow = list.find(f => f.name === name);
  if (!flow) return [el('h1', {}, name), el('section', {}, el('p', { class: 'error' }, t('flow.notFound', name)))];
  const day = date ?? flow.latest?.businessDate ?? new Date().toISOString().slice(0, 10);
  const run = await api('GET', `/api/flows/${encodeURIComponent(name)}/runs/${day}`);
  const here = () => location.hash.split('?')[0] === `#/flows/${encodeURIComponent(name)}/${day}`;
  if (!FLOW_ENDED.includes(run.state)) {
    every(3000, async () => {
      if (!here()) return;
      const now = await api('GET', `/api/flows/${encodeURIComponent(name)}/runs/${day}`);
      if (JSON.stringify(now) !== JSON.stringify(run) && here()) location.hash = `#/flows/${encodeURIComponent(name)}/${day}?${Date.now()}`;
    });
  }
  const picker = el('input', { type: 'date', id: 'flow-date', value: day, onchange: e => e.target.value && (location.hash = `#/flows/${encodeURIComponent(name)}/${e.target.value}`) });
  return [
    el('h1', {}, `${t('flow.title', name, day)} `, stateBadge(run.state)),
    el('section', {},
      el('p', { class: 'muted' }, flow.description ?? ''),
      el('dl', { class: 'facts' },
        el('dt', {}, t('col.businessDate')), el('dd', {}, el('label', {}, picker)),
        el('dt', {}, t('col.schedule')), el('dd', {}, flow.cron ? `${flow.cron}${flow.calendar ? ` (${flow.calendar})` : ''}` : t('flows.noSchedule')),
        el('dt', {}, t('flows.onFailure')), el('dd', {}, t(`flows.onFailure.${flow.onFailure}`)),
        el('dt', {}, t('flow.finishBy')), el('dd', {}, flow.finishBy ?? ''),
        el('dt', {}, t('col.started')), el('dd', {}, formatTime(run.startedAt)),
        el('dt', {}, t('col.finished')), el('dd', {}, formatTime(run.finishedAt)))),
    el('section', { id: 'flow-graph' }, el('h2', {}, t('flow.graph')), graph(run)),
    el('section', { id: 'flow-timeline' }, el('h2', {}, t('flow.timeline')), timeline(run)),
    el('section', { id: 'flow-steps' }, el('h2', {}, t('flow.steps')), stepTable(name, day, run)),
  ];
}

// Columns by depth (a step sits one column right of its deepest upstream), rows in the flow file's order.
function layout(steps) {
  const byId = new Map(steps.map(s => [s.id, s]));
  const depth = new Map();
  const depthOf = id => {
    if (depth.has(id)) return depth.get(id);
    depth.set(id, 0); // a guard; the server refuses cycles
    const d = Math.max(-1, ...byId.get(id).after.filter(u => byId.has(u)).map(depthOf)) + 1;
    depth.set(id, d);
    return d;
  };
  const rows = [];
  const place = new Map();
  for (const s of steps) {
    const column = depthOf(s.id);
    rows[column] = (rows[column] ?? 0) + 1;
    place.set(s.id, { x: column * (BOX.width + BOX.gapX), y: (rows[column] - 1) * (BOX.height + BOX.gapY) });
  }
  return { place, width: rows.length * (BOX.width + BOX.gapX) - BOX.gapX, height: Math.max(...rows) * (BOX.height + BOX.gapY) - BOX.gapY };
}

// Cut to fit a box: Hangul and other wide characters take about two Latin letters' width.
function shorten(text, max) {
  let width = 0;
  let cut = 0;
  for (const ch of text ?? '') {
    width += /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/.test(ch) ? 2 : 1;
    if (width > max) return `${(text ?? '').slice(0, cut)}…`;
    cut += ch.length;
  }
  return text ?? '';
}
const clock = iso => iso ? formatTime(iso).slice(11, 19) : '';

function graph(run) {
  const { place, width, height } = layout(run.steps);
  const edges = run.steps.flatMap(s => s.after.filter(u => place.has(u)).map(u => {
    const from = place.get(u);
    const to = place.get(s.id);
    const [x1, y1, x2, y2] = [from.x + BOX.width, from.y + BOX.height / 2, to.x, to.y + BOX.height / 2];
    const bend = (x2 - x1) / 2;
    return svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' });
  }));
  const boxes = run.steps.map(s => {
    const { x, y } = place.get(s.id);
    const times = s.startedAt ? `${clock(s.startedAt)} – ${clock(s.finishedAt)}` : '';
    const box = svg('g', { class: `node ${s.state}`, transform: `translate(${x},${y})`, 'data-step': s.id },
      svg('title', {}, [s.id, t(`state.${s.state}`), times, s.why ?? s.detail ?? ''].filter(Boolean).join('\n')),
      svg('rect', { width: BOX.width, height: BOX.height, rx: 8 }),
      svg('text', { x: 10, y: 20, class: 'name' }, shorten(s.id, 26)),
      svg('text', { x: 10, y: 38, class: 'state-text' }, `${t(`state.${s.state}`)}${times ? ` · ${times}` : ''}`),
      svg('text', { x: 10, y: 56, class: 'why' }, shorten(s.why ?? (['failed', 'timed-out', 'killed', 'waiting'].includes(s.state) ? s.detail : ''), 32)));
    return s.runId ? svg('a', { href: `#/runs/${s.runId}`, 'aria-label': `${s.id}: ${t(`state.${s.state}`)}` }, box) : box;
  });
  const defs = svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' })));
  const legend = el('p', { class: 'legend' }, ['succeeded', 'running', 'failed', 'waiting', 'pending', 'blocked'].map(s => el('span', {}, stateBadge(s))));
  return [legend, svg('svg', { class: 'flow-graph', viewBox: `-2 -2 ${width + 4} ${height + 4}`, width: width + 4, height: height + 4, role: 'img', 'aria-label': t('flow.graph') }, defs, edges, boxes)];
}

// One bar per step from its start to its end (or now, while it runs), on the span of the whole flow run.
function timeline(run) {
  const started = run.steps.filter(s => s.startedAt);
  if (started.length === 0) return el('p', { class: 'muted' }, t('flow.notStarted'));
  const from = Math.min(...started.map(s => Date.parse(s.startedAt)));
  const to = Math.max(...started.map(s => Date.parse(s.finishedAt ?? new Date().toISOString())));
  const span = Math.max(to - from, 1000);
  const [label, bar, row] = [170, 640, 22];
  const x = ms => label + (ms - from) / span * bar;
  const bars = run.steps.map((s, i) => {
    const y = i * row;
    const parts = [svg('text', { x: 0, y: y + 15, class: 'name' }, shorten(s.id, 22))];
    if (s.startedAt) {
      const [a, b] = [Date.parse(s.startedAt), Date.parse(s.finishedAt ?? new Date().toISOString())];
      parts.push(svg('rect', { class: `bar ${s.state}`, x: x(a), y: y + 3, width: Math.max(x(b) - x(a), 3), height: row - 6, rx: 3 },
        svg('title', {}, `${s.id}: ${clock(s.startedAt)} – ${clock(s.finishedAt)} (${t(`state.${s.state}`)})`)));
    }
    return svg('g', { 'data-step': s.id }, parts);
  });
  const axis = [svg('text', { x: label, y: run.steps.length * row + 14, class: 'axis' }, clock(new Date(from).toISOString())),
    svg('text', { x: label + bar, y: run.steps.length * row + 14, class: 'axis', 'text-anchor': 'end' }, clock(new Date(to).toISOString()))];
  const height = run.steps.length * row + 20;
  return svg('svg', { class: 'flow-timeline', viewBox: `0 0 ${label + bar + 4} ${height}`, width: label + bar + 4, height, role: 'img', 'aria-label': t('flow.timeline') }, bars, axis);
}

const failed = ['failed', 'timed-out', 'killed'];
const ended = ['succeeded', 'failed', 'timed-out', 'killed', 'skipped'];

function stepTable(name, day, run) {
  const reload = () => { location.hash = `#/flows/${encodeURIComponent(name)}/${day}?${Date.now()}`; };
  // From here: the step and every step downstream of it, for this business date; the other branches stay as they are.
  const rerun = s => el('button', {
    class: failed.includes(s.state) ? 'rerun-from' : 'rerun-from secondary', 'data-step': s.id,
    onclick: () => confirmAction(t('flow.confirmRerun', s.id, day),
      reason => act('POST', `/api/flows/${encodeURIComponent(name)}/runs/${day}/rerun`, { from: s.id, reason }, c => t('flow.rerunQueued', c.runs.map(r => `${r.jobId} #${r.runId}`).join(', '))))
      .then(x => x && (isApproval(x) ? (location.hash = '#/approvals') : reload())),
  }, t('flow.rerunFrom'));
  return table([t('flow.step'), t('flow.after'), t('col.state'), t('col.run'), t('col.started'), t('col.finished'), t('flow.why'), ''],
    run.steps.map(s => [jobLink(s.id), s.after.join(', '), stateBadge(s.state), s.runId ? runLink(s.runId) : '', formatTime(s.startedAt), formatTime(s.finishedAt),
      s.why ?? (failed.includes(s.state) || s.state === 'waiting' ? s.detail ?? '' : ''), canOperate() && ended.includes(s.state) ? rerun(s) : '']));
}
