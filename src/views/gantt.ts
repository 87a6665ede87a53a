/**
 * A terminal Gantt chart of a run: one row per pod grouped by node, with Pending, Running,
 * Terminating spans, restarts and the final phase, and the Jobs' conditions on the time axis.
 */
import type { Job, Pod } from '../api/types.js';
import type { TraceEvent } from '../trace.js';

type State = 'Pending' | 'Running' | 'BackOff' | 'Terminating' | 'Succeeded' | 'Failed' | 'Gone';

interface Span {
  readonly from: number;
  readonly state: State;
}

interface PodLane {
  readonly name: string;
  node: string;
  readonly created: number;
  spans: Span[];
  restarts: number[];
}

const GLYPH: Record<State, string> = {
  Pending: '.',
  Running: '=',
  BackOff: '_',
  Terminating: '~',
  Succeeded: ' ',
  Failed: ' ',
  Gone: ' ',
};

function stateOf(p: Pod): State {
  const phase = p.status?.phase;
  if (phase === 'Succeeded') return 'Succeeded';
  if (phase === 'Failed') return 'Failed';
  if (p.metadata?.deletionTimestamp) return 'Terminating';
  const backoff = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])].some(
    (c) => c.state?.waiting?.reason === 'CrashLoopBackOff',
  );
  if (backoff) return 'BackOff';
  if (phase === 'Running') return 'Running';
  return 'Pending';
}

function restartsOf(p: Pod | undefined): number {
  let n = 0;
  for (const c of p?.status?.containerStatuses ?? []) n += c.restartCount ?? 0;
  for (const c of p?.status?.initContainerStatuses ?? []) n += c.restartCount ?? 0;
  return n;
}

function fmtTime(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  if (ms < 3_600_000) {
    const m = Math.floor(ms / 60_000);
    const s = Math.round((ms % 60_000) / 1000);
    return s === 0 ? `${m}m` : `${m}m${s}s`;
  }
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}

/** Options of {@link renderGantt}. */
export interface GanttOptions {
  /** Total width in columns (80–200; default 100). */
  readonly width?: number;
  /** Most pod rows to draw before summarising the rest (default 200). */
  readonly maxRows?: number;
}

/**
 * Draws the trace as a Gantt chart.
 *
 * @example
 * ```ts
 * console.log(renderGantt(sim.trace(), sim.now(), { width: 100 }));
 * ```
 */
export function renderGantt(
  trace: readonly TraceEvent[],
  endTime: number,
  options: GanttOptions = {},
): string {
  const width = Math.max(80, Math.min(200, options.width ?? 100));
  const maxRows = options.maxRows ?? 200;
  const lanes = new Map<string, PodLane>();
  const marks: Array<{ t: number; label: string }> = [];
  for (const e of trace) {
    if (e.type === 'step') {
      marks.push({ t: e.t, label: `step: ${e.description}` });
      continue;
    }
    if (e.type !== 'object') continue;
    if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      const key = `${e.namespace}/${e.name}`;
      let lane = lanes.get(key);
      if (e.verb === 'ADDED' || !lane) {
        lane = { name: e.name, node: pod.spec?.nodeName ?? '', created: e.t, spans: [], restarts: [] };
        lanes.set(key, lane);
      }
      if (pod.spec?.nodeName) lane.node = pod.spec.nodeName;
      const st: State = e.verb === 'DELETED' ? 'Gone' : stateOf(pod);
      const last = lane.spans[lane.spans.length - 1];
      if (!last || last.state !== st) lane.spans.push({ from: e.t, state: st });
      if (e.verb === 'MODIFIED' && restartsOf(pod) > restartsOf(e.old as Pod | undefined))
        lane.restarts.push(e.t);
    } else if (e.kind === 'Job' && e.verb === 'MODIFIED') {
      const before = new Set(
        ((e.old as Job | undefined)?.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`),
      );
      for (const c of (e.object as Job).status?.conditions ?? []) {
        if (c.status === 'True' && !before.has(`${c.type}=${c.status}`))
          marks.push({ t: e.t, label: `job/${e.name} ${c.type}${c.reason ? ` (${c.reason})` : ''}` });
      }
    }
  }
  const all = [...lanes.values()];
  const nameWidth = Math.min(40, Math.max(8, ...all.map((l) => l.name.length + 2)));
  const chartWidth = width - nameWidth - 2;
  const span = Math.max(endTime, 1000);
  const col = (t: number) => Math.min(chartWidth - 1, Math.floor((t / span) * chartWidth));
  const lines: string[] = [];
  // Axis: labels at 0, 1/4, 1/2, 3/4, end.
  const axis = new Array(chartWidth).fill(' ');
  const ticks = new Array(chartWidth).fill('-');
  for (let q = 0; q <= 4; q++) {
    const t = (span * q) / 4;
    const c = Math.min(chartWidth - 1, col(t));
    ticks[c] = '+';
    const label = fmtTime(t);
    const start = Math.max(0, Math.min(chartWidth - label.length, q === 4 ? c - label.length + 1 : c));
    for (let i = 0; i < label.length; i++) axis[start + i] = label[i]!;
  }
  lines.push(`${''.padEnd(nameWidth)}  ${axis.join('').trimEnd()}`);
  lines.push(`${''.padEnd(nameWidth)}  ${ticks.join('')}`);
  const byNode = new Map<string, PodLane[]>();
  for (const l of all) {
    const k = l.node || '(not scheduled)';
    let list = byNode.get(k);
    if (!list) {
      list = [];
      byNode.set(k, list);
    }
    list.push(l);
  }
  const nodes = [...byNode.keys()].sort((a, b) =>
    a === '(not scheduled)' ? 1 : b === '(not scheduled)' ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  let rows = 0;
  let hidden = 0;
  for (const node of nodes) {
    lines.push(node);
    for (const lane of byNode.get(node)!) {
      if (rows >= maxRows) {
        hidden++;
        continue;
      }
      rows++;
      const cells = new Array(chartWidth).fill(' ');
      for (let i = 0; i < lane.spans.length; i++) {
        const s = lane.spans[i]!;
        const next = lane.spans[i + 1]?.from ?? endTime;
        const a = col(s.from);
        const b = Math.max(a, col(next) - (lane.spans[i + 1] ? 1 : 0));
        if (s.state === 'Succeeded' || s.state === 'Failed') {
          cells[a] = s.state === 'Succeeded' ? 'S' : 'F';
          continue;
        }
        if (s.state === 'Gone') continue;
        for (let c = a; c <= b; c++) cells[c] = GLYPH[s.state];
      }
      for (const r of lane.restarts) cells[col(r)] = '!';
      const name = lane.name.length > nameWidth - 2 ? `${lane.name.slice(0, nameWidth - 3)}…` : lane.name;
      lines.push(`  ${name.padEnd(nameWidth - 2)}  ${cells.join('').trimEnd()}`);
    }
  }
  if (hidden > 0) lines.push(`  … ${hidden} more pods not drawn`);
  if (marks.length > 0) {
    lines.push('');
    for (const m of marks)
      lines.push(
        `${fmtTime(m.t).padStart(nameWidth)}  ${' '.repeat(col(m.t))}^ ${m.label}`
          .trimEnd()
          .slice(0, width + 60),
      );
  }
  lines.push('');
  lines.push(
    'Legend: . Pending  = Running  _ CrashLoopBackOff  ~ Terminating  ! restart  S Succeeded  F Failed',
  );
  return lines.join('\n');
}
