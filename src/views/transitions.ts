/**
 * The run's story as text: one line per meaningful transition (virtual time, object, what
 * changed, why), derived from the trace.
 */
import type { Event, Job, JobCondition, Node, Pod } from '../api/types.js';
import type { TraceEvent } from '../trace.js';

/** One line of the transitions timeline. */
export interface Transition {
  readonly t: number;
  readonly object: string;
  readonly what: string;
}

function fmtTime(ms: number): string {
  const s = ms / 1000;
  if (ms < 60_000) return `${trim(s)}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  return h > 0 ? `${h}h${m}m${trim(sec)}s` : `${m}m${trim(sec)}s`;
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '');
}

function condKey(c: JobCondition): string {
  return `${c.type}=${c.status}/${c.reason ?? ''}`;
}

function podTransitions(old: Pod | undefined, cur: Pod): string[] {
  const out: string[] = [];
  if (!old) {
    out.push('created');
    return out;
  }
  if (!old.spec?.nodeName && cur.spec?.nodeName) out.push(`scheduled to ${cur.spec.nodeName}`);
  const os = old.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const cs = cur.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (cs?.status === 'False' && (os?.status !== 'False' || os.message !== cs.message))
    out.push(`unschedulable: ${cs.message}`);
  const oldPhase = old.status?.phase ?? 'Pending';
  const phase = cur.status?.phase ?? 'Pending';
  if (oldPhase !== phase) {
    let why = '';
    if (phase === 'Succeeded' || phase === 'Failed') {
      const codes = (cur.status?.containerStatuses ?? [])
        .map((c) => c.state?.terminated)
        .filter((t) => t !== undefined)
        .map((t) => `${t.reason ?? ''} exit ${t.exitCode}`);
      if (cur.status?.reason) codes.unshift(cur.status.reason);
      if (codes.length > 0) why = ` (${codes.join(', ')})`;
    }
    out.push(`${oldPhase} -> ${phase}${why}`);
  }
  const restarts = (p: Pod | undefined) =>
    (p?.status?.containerStatuses ?? []).reduce((a, c) => a + (c.restartCount ?? 0), 0) +
    (p?.status?.initContainerStatuses ?? []).reduce((a, c) => a + (c.restartCount ?? 0), 0);
  const r0 = restarts(old);
  const r1 = restarts(cur);
  if (r1 > r0) out.push(`container restarted (restarts ${r1})`);
  for (const c of cur.status?.containerStatuses ?? []) {
    const prev = old.status?.containerStatuses?.find((x) => x.name === c.name);
    const w = c.state?.waiting;
    if (w?.reason === 'CrashLoopBackOff' && prev?.state?.waiting?.reason !== 'CrashLoopBackOff') {
      const lt = c.lastState?.terminated;
      out.push(`${c.name} CrashLoopBackOff after exit ${lt?.exitCode ?? '?'}: ${w.message ?? ''}`);
    }
  }
  const od = old.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
  const cd = cur.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
  if (cd && !od) out.push(`DisruptionTarget (${cd.reason})`);
  if (!old.metadata?.deletionTimestamp && cur.metadata?.deletionTimestamp) out.push('terminating');
  return out;
}

function jobTransitions(old: Job | undefined, cur: Job): string[] {
  if (!old) return ['created'];
  const out: string[] = [];
  const before = new Set((old.status?.conditions ?? []).map(condKey));
  for (const c of cur.status?.conditions ?? []) {
    if (!before.has(condKey(c)))
      out.push(
        `condition ${c.type}=${c.status}${c.reason ? ` (${c.reason}${c.message ? `: ${c.message}` : ''})` : ''}`,
      );
  }
  if (old.spec?.suspend !== cur.spec?.suspend) out.push(`spec.suspend ${cur.spec?.suspend === true}`);
  if (old.spec?.parallelism !== cur.spec?.parallelism) out.push(`spec.parallelism ${cur.spec?.parallelism}`);
  if (old.spec?.completions !== cur.spec?.completions) out.push(`spec.completions ${cur.spec?.completions}`);
  if (!old.metadata?.deletionTimestamp && cur.metadata?.deletionTimestamp) out.push('deleting');
  return out;
}

function nodeTransitions(old: Node | undefined, cur: Node): string[] {
  if (!old) return [];
  const out: string[] = [];
  const r0 = old.status?.conditions?.find((c) => c.type === 'Ready');
  const r1 = cur.status?.conditions?.find((c) => c.type === 'Ready');
  if (r0?.status !== r1?.status) out.push(`Ready=${r1?.status} (${r1?.reason})`);
  const t0 = new Set((old.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`));
  for (const t of cur.spec?.taints ?? [])
    if (!t0.has(`${t.key}:${t.effect}`)) out.push(`tainted ${t.key}:${t.effect}`);
  if (!old.spec?.unschedulable && cur.spec?.unschedulable) out.push('cordoned');
  if (old.spec?.unschedulable && !cur.spec?.unschedulable) out.push('uncordoned');
  return out;
}

/**
 * The transitions of a trace, in order.
 *
 * @example
 * ```ts
 * transitions(sim.trace()).map((t) => t.what);
 * ```
 */
export function transitions(trace: readonly TraceEvent[]): Transition[] {
  const out: Transition[] = [];
  for (const e of trace) {
    if (e.type === 'step') {
      out.push({ t: e.t, object: 'step', what: `${e.description}${e.ok ? '' : ` REFUSED: ${e.error}`}` });
      continue;
    }
    if (e.type !== 'object') continue;
    const id = `${e.kind.toLowerCase()}/${e.name}`;
    let whats: string[] = [];
    if (e.verb === 'DELETED') {
      if (e.kind !== 'Event') whats = ['deleted'];
    } else if (e.kind === 'Pod')
      whats = podTransitions(e.verb === 'ADDED' ? undefined : (e.old as Pod), e.object as Pod);
    else if (e.kind === 'Job')
      whats = jobTransitions(e.verb === 'ADDED' ? undefined : (e.old as Job), e.object as Job);
    else if (e.kind === 'Node')
      whats = nodeTransitions(e.verb === 'ADDED' ? undefined : (e.old as Node), e.object as Node);
    else if (e.kind === 'CronJob' && e.verb === 'ADDED') whats = ['created'];
    else if (e.kind === 'Event') {
      const ev = e.object as Event;
      if (ev.type === 'Warning' && e.verb === 'ADDED') {
        out.push({
          t: e.t,
          object: `${ev.involvedObject.kind?.toLowerCase()}/${ev.involvedObject.name}`,
          what: `event ${ev.reason}: ${ev.message}`,
        });
      }
      continue;
    }
    for (const w of whats) out.push({ t: e.t, object: id, what: w });
  }
  return out;
}

/** Renders transitions as aligned text lines. */
export function renderTransitions(list: readonly Transition[]): string {
  const tw = Math.max(4, ...list.map((l) => fmtTime(l.t).length));
  const ow = Math.max(6, ...list.map((l) => l.object.length));
  return list.map((l) => `${fmtTime(l.t).padStart(tw)}  ${l.object.padEnd(ow)}  ${l.what}`).join('\n');
}
