/**
 * The timeline of a run: one lane per pod (state spans, restarts, disruptions), node tracks,
 * markers on the time axis (steps, Job conditions, checks) and the aggregated activity overview.
 * All of it is a function of the trace.
 */
import type { Job, Node, Pod } from '../api/types.js';
import { getCompletionIndex } from '../controllers/podutil.js';
import type { TraceEvent } from '../trace.js';
import type { Activity, Lane, Marker, NodeTrack, StateCode } from './model.js';

/** The timeline state of a pod version (the same rules as the terminal Gantt chart). */
export function podState(p: Pod): StateCode {
  const phase = p.status?.phase;
  if (phase === 'Succeeded') return 4;
  if (phase === 'Failed') return 5;
  if (p.metadata?.deletionTimestamp) return 3;
  const statuses = [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])];
  if (statuses.some((c) => c.state?.waiting?.reason === 'CrashLoopBackOff')) return 2;
  if (phase === 'Running') return 1;
  return 0;
}

/** Total container restarts of a pod version. */
export function restartCount(p: Pod | undefined): number {
  let n = 0;
  for (const c of p?.status?.containerStatuses ?? []) n += c.restartCount ?? 0;
  for (const c of p?.status?.initContainerStatuses ?? []) n += c.restartCount ?? 0;
  return n;
}

/** The name of a pod's controlling Job, or ''. */
export function podJobName(p: Pod): string {
  const ref = p.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
  return ref?.name ?? '';
}

/** A lane under construction (mutable until {@link buildTimeline} returns). */
interface LaneBuilder {
  n: string;
  ns: string;
  node: string;
  job: string;
  idx: number;
  del: number;
  s: Array<[number, StateCode]>;
  m: Array<[number, 'r' | 'd' | 'x']>;
  v: number[];
  sv: number[];
}

/** The timeline and the position of each pod trace entry in its lane's versions. */
export interface Timeline {
  readonly lanes: Lane[];
  readonly nodes: NodeTrack[];
  readonly markers: Marker[];
  /** For each trace index of a Pod entry: `[lane index, version index]`. */
  readonly podEntries: Map<number, readonly [number, number]>;
  /** Lane spans' "why" filled in later by the caller. */
  readonly spanWhy: string[][];
}

function isTrueCond(c: { status?: string }): boolean {
  return c.status === 'True';
}

/**
 * Builds lanes, node tracks and markers from a trace. Lanes are in order of first appearance;
 * a pod re-created under the same name gets a new lane.
 */
export function buildTimeline(trace: readonly TraceEvent[]): Timeline {
  const lanes: LaneBuilder[] = [];
  const current = new Map<string, number>();
  const podEntries = new Map<number, readonly [number, number]>();
  const nodeTracks = new Map<
    string,
    { name: string; ready: Array<[number, string, string]>; notes: Array<[number, string]> }
  >();
  const markers: Marker[] = [];
  for (let i = 0; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.type === 'step') {
      // An `expect` step is a check; its result is marked in the checks band.
      if (e.action === 'expect' && e.ok) continue;
      markers.push({
        t: e.t,
        kind: 'step',
        label: e.description.length > 40 ? `${e.description.slice(0, 39)}…` : e.description,
        detail: `step ${e.index}: ${e.description}${e.ok ? '' : ` (refused: ${e.error ?? ''})`}`,
        tag: e.action,
        ok: e.ok,
      });
      continue;
    }
    if (e.type === 'check') {
      markers.push({
        t: e.t,
        kind: 'check',
        label: e.ok ? 'check ok' : 'check FAILED',
        detail: `${e.ok ? 'ok' : 'FAIL'} ${e.description}${e.failures.length > 0 ? `\n${e.failures.join('\n')}` : ''}`,
        tag: e.ok ? 'ok' : 'fail',
        ok: e.ok,
      });
      continue;
    }
    if (e.type !== 'object') continue;
    if (e.kind === 'Pod') {
      const pod = e.object as Pod;
      const key = `${e.namespace ?? ''}/${e.name}`;
      let li = current.get(key);
      if (li === undefined || e.verb === 'ADDED') {
        li = lanes.length;
        current.set(key, li);
        lanes.push({
          n: e.name,
          ns: e.namespace ?? '',
          node: pod.spec?.nodeName ?? '',
          job: podJobName(pod),
          idx: getCompletionIndex(pod),
          del: -1,
          s: [],
          m: [],
          v: [],
          sv: [],
        });
      }
      const lane = lanes[li]!;
      if (pod.spec?.nodeName) lane.node = pod.spec.nodeName;
      const vi = lane.v.length;
      lane.v.push(e.t);
      podEntries.set(i, [li, vi]);
      if (e.verb === 'DELETED') {
        lane.del = e.t;
        current.delete(key);
        continue;
      }
      const st = podState(pod);
      const last = lane.s[lane.s.length - 1];
      if (!last || last[1] !== st) {
        if (last && last[0] === e.t) {
          // Several changes at one instant: keep the last state, but the first version's cause.
          last[1] = st;
          const prev = lane.s[lane.s.length - 2];
          if (prev && prev[1] === st) {
            lane.s.pop();
            lane.sv.pop();
          }
        } else {
          lane.s.push([e.t, st]);
          lane.sv.push(vi);
        }
      }
      const old = e.verb === 'MODIFIED' ? (e.old as Pod | undefined) : undefined;
      if (old) {
        if (restartCount(pod) > restartCount(old)) lane.m.push([e.t, 'r']);
        const hadDt = old.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && isTrueCond(c));
        const hasDt = pod.status?.conditions?.some((c) => c.type === 'DisruptionTarget' && isTrueCond(c));
        if (hasDt && !hadDt) lane.m.push([e.t, 'd']);
        if (!old.metadata?.deletionTimestamp && pod.metadata?.deletionTimestamp) lane.m.push([e.t, 'x']);
      }
      continue;
    }
    if (e.kind === 'Node') {
      const node = e.object as Node;
      let track = nodeTracks.get(e.name);
      if (!track) {
        track = { name: e.name, ready: [], notes: [] };
        nodeTracks.set(e.name, track);
      }
      if (e.verb === 'DELETED') {
        track.ready.push([e.t, 'Gone', 'deleted']);
        continue;
      }
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      const status = ready?.status ?? 'Unknown';
      const last = track.ready[track.ready.length - 1];
      if (!last || last[1] !== status) track.ready.push([e.t, status, ready?.reason ?? '']);
      const old = e.verb === 'MODIFIED' ? (e.old as Node | undefined) : undefined;
      if (old) {
        const before = new Set((old.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`));
        for (const t of node.spec?.taints ?? [])
          if (!before.has(`${t.key}:${t.effect}`)) track.notes.push([e.t, `tainted ${t.key}:${t.effect}`]);
        const after = new Set((node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`));
        for (const k of before) if (!after.has(k)) track.notes.push([e.t, `untainted ${k}`]);
        if (!old.spec?.unschedulable && node.spec?.unschedulable) track.notes.push([e.t, 'cordoned']);
        if (old.spec?.unschedulable && !node.spec?.unschedulable) track.notes.push([e.t, 'uncordoned']);
      }
      continue;
    }
    if (e.kind === 'Job' && e.verb !== 'DELETED') {
      const job = e.object as Job;
      const old = e.verb === 'MODIFIED' ? (e.old as Job | undefined) : undefined;
      const before = new Map((old?.status?.conditions ?? []).map((c) => [c.type, c]));
      for (const c of job.status?.conditions ?? []) {
        const o = before.get(c.type);
        if (o && o.status === c.status && o.reason === c.reason) continue;
        if (!o && c.status !== 'True') continue;
        const reason = c.reason ? ` (${c.reason})` : '';
        markers.push({
          t: e.t,
          kind: 'cond',
          label: `${c.type}${c.status === 'True' ? '' : `=${c.status}`}`,
          detail: `job/${e.name} condition ${c.type}=${c.status}${reason}${c.message ? `: ${c.message}` : ''}`,
          tag: c.status === 'True' ? c.type : `${c.type}=${c.status}`,
          ok: !(c.type === 'Failed' || c.type === 'FailureTarget'),
        });
      }
    }
  }
  return {
    lanes: lanes.map((l) => ({ ...l, sw: [] })),
    nodes: [...nodeTracks.values()],
    markers,
    podEntries,
    spanWhy: lanes.map(() => []),
  };
}

/**
 * Pods in each active state at the start of each of `bins` equal bins of [0, end], and pods
 * finished by then: the overview drawn above the lanes (and all one sees of a 10,000-pod run at
 * a glance).
 */
export function buildActivity(lanes: readonly Lane[], end: number, bins: number): Activity {
  const span = Math.max(end, 1);
  const diff = Array.from({ length: 6 }, () => new Float64Array(bins + 1));
  // Bin b samples time b * span / bins; a span [from, to) covers bins with from <= tb < to.
  const firstBin = (t: number) => Math.min(bins, Math.max(0, Math.ceil((t * bins) / span)));
  for (const lane of lanes) {
    const stop = lane.del >= 0 ? lane.del : Number.POSITIVE_INFINITY;
    for (let i = 0; i < lane.s.length; i++) {
      const [from, st] = lane.s[i]!;
      const to = Math.min(lane.s[i + 1]?.[0] ?? Number.POSITIVE_INFINITY, stop);
      const a = firstBin(from);
      const b = to === Number.POSITIVE_INFINITY ? bins : firstBin(to);
      if (st >= 4) {
        // Finished pods count from their first terminal span on, deleted or not.
        diff[st]![a]! += 1;
        break;
      }
      if (b > a) {
        diff[st]![a]! += 1;
        diff[st]![b]! -= 1;
      }
    }
  }
  const counts: Array<[number, number, number, number]> = [];
  const done: Array<[number, number]> = [];
  const acc = [0, 0, 0, 0, 0, 0];
  for (let b = 0; b < bins; b++) {
    for (let s = 0; s < 6; s++) acc[s]! += diff[s]![b]!;
    counts.push([acc[0]!, acc[1]!, acc[2]!, acc[3]!]);
    done.push([acc[4]!, acc[5]!]);
  }
  return { bins, counts, done };
}
