/**
 * The scrubber's frames: `kubectl get jobs`, `get pods` and `get events` as the CLI prints them
 * (`jobsim get pods -f FILE --at T`) at chosen virtual times, from one replay of the trace.
 *
 * Large clusters are bounded without changing a single line: a table with more rows than the cap
 * is rendered from a subset of its rows that includes, for every padded column, the row with the
 * widest cell, so the tabwriter lays the subset out with the full table's column widths, and
 * every line shown is a line of the CLI's output. The rows left out are counted as gaps.
 */
import type { Event, Job, KubeObject, Pod } from '../api/types.js';
import type { TraceEvent } from '../trace.js';
import { parseTimestamp, translateTimestampSince } from '../views/duration.js';
import { eventObject, getEventsTable } from '../views/events.js';
import { byteCompare } from '../views/format.js';
import { getJobsTable, jobCompletions, jobDuration, jobStatusText } from '../views/jobs.js';
import { getPodsTable, podRestarts, podRow } from '../views/pods.js';
import { tableCell } from '../views/table.js';
import type { Frame, TableText } from './model.js';

const NICE_STEPS = [
  1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000,
  7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
];

/** The smallest round step of at least a second that splits [0, end] into at most `n` parts. */
export function niceStep(end: number, n: number): number {
  for (const s of NICE_STEPS) if (end / s <= n) return s;
  return Math.ceil(end / n);
}

/**
 * Times at which the report precomputes views: every instant at which something changed, plus
 * a round grid (so `--at 5s` style times exist), the run's end, and, when that is more than
 * `maxFrames`, the grid, the instants of steps, checks and Job condition changes, and an even
 * sample of the other change times.
 */
export function chooseFrameTimes(
  trace: readonly TraceEvent[],
  end: number,
  maxFrames: number,
): { times: number[]; sampled: boolean } {
  const change = new Set<number>([0, end]);
  const important = new Set<number>([0, end]);
  for (const e of trace) {
    if (e.t > end) continue;
    if (e.type === 'object') {
      change.add(e.t);
      if (e.kind === 'Job' && e.verb === 'MODIFIED') {
        const a = JSON.stringify((e.old as Job | undefined)?.status?.conditions ?? []);
        const b = JSON.stringify((e.object as Job).status?.conditions ?? []);
        if (a !== b) important.add(e.t);
      } else if (e.kind === 'Job' || (e.kind === 'Node' && e.verb !== 'MODIFIED')) important.add(e.t);
    } else if (e.type === 'step' || e.type === 'check') {
      change.add(e.t);
      important.add(e.t);
    }
  }
  const step = niceStep(end, 100);
  const grid: number[] = [];
  for (let t = 0; t <= end; t += step) grid.push(t);
  const all = new Set([...change, ...grid]);
  const asc = (a: number, b: number) => a - b;
  if (all.size <= maxFrames) return { times: [...all].sort(asc), sampled: false };
  let must = [...new Set([...grid, ...important])].sort(asc);
  if (must.length > maxFrames) {
    const keep = new Set<number>([0, end]);
    for (let i = 0; i < maxFrames - 2; i++) keep.add(must[Math.floor((i * must.length) / (maxFrames - 2))]!);
    must = [...keep].sort(asc);
  }
  const mustSet = new Set(must);
  const rest = [...change].filter((t) => !mustSet.has(t)).sort(asc);
  const room = Math.max(0, maxFrames - must.length);
  const picked: number[] = [];
  for (let i = 0; i < room && rest.length > 0; i++) picked.push(rest[Math.floor((i * rest.length) / room)]!);
  return { times: [...new Set([...must, ...picked])].sort(asc), sampled: true };
}

function width(s: string): number {
  return [...tableCell(s)].length;
}

/**
 * A table limited to about `cap` rows whose lines are lines of the full table.
 *
 * @param items every row's item, in the order the full table prints them
 * @param render renders items (in that relative order) as the CLI does
 * @param cols how many columns the tabwriter pads (all but the last)
 * @param widthOf width of an item's cell in a padded column
 * @param keep the items to show when the table is too long
 */
function boundedTable<T>(
  items: readonly T[],
  cap: number,
  render: (subset: readonly T[]) => string,
  cols: number,
  widthOf: (item: T, col: number) => number,
  keep: () => ReadonlySet<T>,
): TableText {
  if (items.length <= cap) return { text: render(items).replace(/\n$/, ''), rows: items.length };
  const show = keep();
  const widest: number[] = [];
  for (let c = 0; c < cols; c++) {
    let best = 0;
    let bestW = -1;
    for (let i = 0; i < items.length; i++) {
      const w = widthOf(items[i]!, c);
      if (w > bestW) {
        bestW = w;
        best = i;
      }
    }
    widest.push(best);
  }
  const idx: number[] = [];
  for (let i = 0; i < items.length; i++) if (widest.includes(i) || show.has(items[i]!)) idx.push(i);
  const text = render(idx.map((i) => items[i]!)).replace(/\n$/, '');
  const gaps: Array<[number, number]> = [];
  let prev = -1;
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k]!;
    if (i - prev > 1) gaps.push([k, i - prev - 1]);
    prev = i;
  }
  if (items.length - 1 > prev) gaps.push([idx.length, items.length - 1 - prev]);
  return { text, rows: items.length, gaps };
}

interface PodCells {
  /** Widths of NAME, READY, STATUS. */
  readonly w: readonly [number, number, number];
  readonly status: string;
  readonly restarts: number;
  /** 2 active, 1 failed, 0 succeeded: the order in which a long table keeps rows. */
  readonly cls: number;
}

/** Objects of one kind in the order `ClusterSnapshot.list` gives them, and their change log. */
class KindState<T extends KubeObject> {
  readonly byKey = new Map<string, T>();
  /** `[key, object]` in the order of the changes. */
  readonly log: Array<readonly [string, T]> = [];

  apply(key: string, obj: T | undefined): void {
    if (obj === undefined) this.byKey.delete(key);
    else {
      this.byKey.set(key, obj);
      this.log.push([key, obj]);
    }
  }

  /** Up to `n` current objects, most recently changed first, by class (higher first). */
  recent(n: number, cls: (o: T) => number = () => 0, classes = 1): Set<T> {
    const buckets: T[][] = Array.from({ length: classes }, () => []);
    const seen = new Set<string>();
    for (let i = this.log.length - 1; i >= 0; i--) {
      const [key, obj] = this.log[i]!;
      if (seen.has(key)) continue;
      seen.add(key);
      if (this.byKey.get(key) !== obj) continue;
      const b = buckets[classes - 1 - cls(obj)]!;
      if (b.length < n) b.push(obj);
      if (buckets[0]!.length >= n) break;
    }
    const out = new Set<T>();
    for (const b of buckets) for (const o of b) if (out.size < n) out.add(o);
    return out;
  }
}

/**
 * Replays the trace and renders the views at each of `times` (ascending): the same objects, in
 * the same order, as `ClusterSnapshot.fromTrace` gives the CLI.
 */
export function buildFrames(
  trace: readonly TraceEvent[],
  times: readonly number[],
  startTime: number,
  cap: number,
): Frame[] {
  const jobs = new KindState<Job>();
  const pods = new KindState<Pod>();
  const events = new KindState<Event>();
  const other = new KindState<KubeObject>();
  const podCells = new WeakMap<Pod, PodCells>();
  const { rankOf, size } = eventRanks(trace);
  /** Present events by list-order rank, with the widths of their constant cells. */
  const byRank: Array<Event | undefined> = new Array(size);
  const seenAt: Array<string | null | undefined> = new Array(size);
  const constWidths = new Uint16Array(size * 3);
  const frames: Frame[] = [];
  let pos = 0;
  for (const t of times) {
    while (pos < trace.length && trace[pos]!.t <= t) {
      const e = trace[pos++]!;
      if (e.type !== 'object') continue;
      const key = `${e.namespace ?? ''}/${e.name}`;
      const obj = e.verb === 'DELETED' ? undefined : e.object;
      if (e.kind === 'Pod') pods.apply(key, obj as Pod | undefined);
      else if (e.kind === 'Job') jobs.apply(key, obj as Job | undefined);
      else if (e.kind === 'Event') {
        const ev = obj as Event | undefined;
        events.apply(key, ev);
        const r = rankOf.get(key)!;
        byRank[r] = ev;
        if (ev) {
          seenAt[r] = lastSeenTimestamp(ev);
          constWidths[r * 3] = width(ev.type ?? '');
          constWidths[r * 3 + 1] = width(ev.reason ?? '');
          constWidths[r * 3 + 2] = width(eventObject(ev));
        }
      } else other.apply(key, obj);
    }
    const now = startTime + t;
    const jobList = [...jobs.byKey.values()];
    const podList = [...pods.byKey.values()];
    const eventRanksNow: number[] = [];
    for (let r = 0; r < size; r++) if (byRank[r] !== undefined) eventRanksNow.push(r);

    const cellsOf = (p: Pod): PodCells => {
      let c = podCells.get(p);
      if (!c) {
        const r = podRow(p, 0);
        let restarts = 0;
        for (const s of [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])])
          restarts += s.restartCount ?? 0;
        const phase = p.status?.phase;
        c = {
          w: [width(r.name), width(r.ready), width(r.status)],
          status: r.status,
          restarts,
          cls: phase === 'Succeeded' ? 0 : phase === 'Failed' ? 1 : 2,
        };
        podCells.set(p, c);
      }
      return c;
    };
    const counts: Record<string, number> = {};
    for (const p of podList) {
      const s = cellsOf(p).status;
      counts[s] = (counts[s] ?? 0) + 1;
    }
    const podsText = boundedTable(
      podList,
      cap,
      (subset) => getPodsTable(subset, now),
      4,
      (p, col) => {
        const c = cellsOf(p);
        if (col < 3) return c.w[col]!;
        return c.restarts === 0 ? 1 : width(podRestarts(p, now));
      },
      () => pods.recent(cap, (p) => cellsOf(p).cls, 3),
    );
    const ageWidth = new Map<string, number>();
    const eventsText = boundedTable(
      eventRanksNow,
      cap,
      (subset) =>
        getEventsTable(
          subset.map((r) => byRank[r]!),
          now,
        ),
      4,
      (r, col) => {
        if (col > 0) return constWidths[r * 3 + col - 1]!;
        const ts = seenAt[r];
        const k = ts ?? '';
        let w = ageWidth.get(k);
        if (w === undefined) ageWidth.set(k, (w = width(translateTimestampSince(ts, now))));
        return w;
      },
      () => {
        const recent = events.recent(cap);
        const out = new Set<number>();
        for (const ev of recent)
          out.add(rankOf.get(`${ev.metadata?.namespace ?? ''}/${ev.metadata?.name ?? ''}`)!);
        return out;
      },
    );
    const jobsText = boundedTable(
      jobList,
      cap,
      (subset) => getJobsTable(subset, now),
      4,
      (j, col) =>
        width(
          col === 0
            ? (j.metadata?.name ?? '')
            : col === 1
              ? jobStatusText(j)
              : col === 2
                ? jobCompletions(j)
                : jobDuration(j, now),
        ),
      () => jobs.recent(cap),
    );
    frames.push({
      t,
      jobs: jobsText,
      pods: podsText,
      events: eventsText,
      counts,
      jobStatus: jobList.map((j) => `job/${j.metadata?.name ?? ''} ${jobStatusText(j)}`),
    });
  }
  return frames;
}

/**
 * The timestamp whose age is the LAST SEEN cell of `kubectl get events` (`printEvent`): the
 * series' last observation, else lastTimestamp, else firstTimestamp, else eventTime.
 */
function lastSeenTimestamp(e: Event): string | null | undefined {
  if (e.series !== undefined && e.series !== null) return e.series.lastObservedTime;
  if (parseTimestamp(e.lastTimestamp) !== undefined) return e.lastTimestamp;
  if (parseTimestamp(e.firstTimestamp) !== undefined) return e.firstTimestamp;
  return e.eventTime;
}

/** Each event's position in the API server's list order (namespace, then name). */
function eventRanks(trace: readonly TraceEvent[]): { rankOf: Map<string, number>; size: number } {
  const keys = new Map<string, { ns: string; name: string }>();
  for (const e of trace)
    if (e.type === 'object' && e.kind === 'Event')
      keys.set(`${e.namespace ?? ''}/${e.name}`, { ns: e.namespace ?? '', name: e.name });
  const sorted = [...keys.entries()].sort(
    (a, b) => byteCompare(a[1].ns, b[1].ns) || byteCompare(a[1].name, b[1].name),
  );
  const rankOf = new Map<string, number>();
  sorted.forEach(([k], i) => {
    rankOf.set(k, i);
  });
  return { rankOf, size: sorted.length };
}
