/**
 * Checks (scenario format, section 5): only the fields given are compared, at any depth.
 */
import type { Event, Job, KubeObject, Pod } from '../api/types.js';
import { formatDuration } from '../engine/duration.js';
import type { Simulation } from '../simulation.js';
import { normalizeKind } from '../store/apiserver.js';
import { isPlainObject } from '../util/merge-patch.js';
import type { Check } from './load.js';

/** Result of one check. */
export interface CheckResult {
  /** `job/pi` and what was checked. */
  readonly description: string;
  /** Virtual time of evaluation (ms). */
  readonly time: number;
  readonly ok: boolean;
  /** One line per mismatch: path, expected, actual. */
  readonly failures: readonly string[];
}

/** Counters Kubernetes omits when zero. */
const ZERO_DEFAULT = new Set([
  'active',
  'succeeded',
  'failed',
  'ready',
  'terminating',
  'restartCount',
  'count',
]);

function show(v: unknown): string {
  return v === undefined ? '<none>' : JSON.stringify(v);
}

/**
 * Partial deep comparison: every field of `expected` must match `actual`; lists must have the
 * same length and match element by element. Returns mismatches as `path: expected X, got Y`.
 */
export function matchPartial(expected: unknown, actual: unknown, path: string, out: string[] = []): string[] {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) {
      out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
      return out;
    }
    for (const [k, v] of Object.entries(expected)) {
      const a = actual[k];
      const p = path ? `${path}.${k}` : k;
      if (a === undefined && ZERO_DEFAULT.has(k) && v === 0) continue;
      matchPartial(v, a, p, out);
    }
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      out.push(`${path}: expected ${expected.length} item(s) ${show(expected)}, got ${show(actual)}`);
      return out;
    }
    expected.forEach((e, i) => {
      matchPartial(e, actual[i], `${path}[${i}]`, out);
    });
    return out;
  }
  if (!scalarEqual(expected, actual)) out.push(`${path}: expected ${show(expected)}, got ${show(actual)}`);
  return out;
}

function scalarEqual(e: unknown, a: unknown): boolean {
  if (e === a) return true;
  if (e === null && a === undefined) return true;
  // "True" vs true, 3 vs "3": YAML authors write either.
  if (a !== undefined && a !== null && String(e) === String(a) && typeof e !== 'object') return true;
  return false;
}

/** Evaluates a check against the simulation's current state. */
export function evaluateCheck(sim: Simulation, check: Check): CheckResult {
  const kind = normalizeKind(check.kind);
  const label = `${(kind ?? check.kind).toLowerCase()}/${check.name}`;
  const time = sim.now();
  const failures: string[] = [];
  const parts: string[] = [];
  if (!kind) {
    return { description: label, time, ok: false, failures: [`unknown kind ${JSON.stringify(check.kind)}`] };
  }
  const obj = sim.get(kind, check.name, check.namespace) as KubeObject | undefined;
  if (check.exists !== undefined) {
    parts.push(`exists=${check.exists}`);
    if (check.exists !== (obj !== undefined)) {
      failures.push(`exists: expected ${check.exists}, got ${obj !== undefined}`);
    }
  }
  const needsObject =
    check.status !== undefined ||
    check.metadata !== undefined ||
    check.spec !== undefined ||
    check.conditions !== undefined ||
    check.absentConditions !== undefined ||
    check.pods !== undefined;
  if (needsObject && !obj) {
    failures.push(`${label} not found`);
  } else if (obj) {
    const status = (obj as { status?: Record<string, unknown> }).status ?? {};
    if (check.status) {
      parts.push(`status ${JSON.stringify(check.status)}`);
      matchPartial(check.status, status, 'status', failures);
    }
    if (check.metadata) {
      parts.push(`metadata ${JSON.stringify(check.metadata)}`);
      matchPartial(check.metadata, obj.metadata, 'metadata', failures);
    }
    if (check.spec) {
      parts.push(`spec ${JSON.stringify(check.spec)}`);
      matchPartial(check.spec, (obj as { spec?: unknown }).spec, 'spec', failures);
    }
    const conds = (status.conditions as Record<string, unknown>[] | undefined) ?? [];
    for (const c of check.conditions ?? []) {
      parts.push(`condition ${JSON.stringify(c)}`);
      const found = conds.some((a) => matchPartial(c, a, '').length === 0);
      if (!found) {
        const same = conds.filter((a) => a.type === c.type);
        failures.push(
          `condition ${JSON.stringify(c)}: not found; actual ${same.length > 0 ? JSON.stringify(same.map(brief)) : `conditions: ${JSON.stringify(conds.map(brief))}`}`,
        );
      }
    }
    for (const t of check.absentConditions ?? []) {
      parts.push(`no ${t} condition`);
      const c = conds.find((a) => a.type === t);
      if (c) failures.push(`condition ${t}: expected absent, got ${JSON.stringify(brief(c))}`);
    }
    if (check.pods) {
      parts.push(`pods ${JSON.stringify(check.pods)}`);
      const pods = podsOf(sim, obj);
      const counts: Record<string, number> = {};
      for (const p of pods) {
        const ph = p.status?.phase ?? 'Pending';
        counts[ph] = (counts[ph] ?? 0) + 1;
        if (p.metadata?.deletionTimestamp && ph !== 'Succeeded' && ph !== 'Failed')
          counts.Terminating = (counts.Terminating ?? 0) + 1;
      }
      for (const [ph, n] of Object.entries(check.pods)) {
        if ((counts[ph] ?? 0) !== n) failures.push(`pods.${ph}: expected ${n}, got ${counts[ph] ?? 0}`);
      }
    }
  }
  if (check.events) {
    const evs: Event[] = sim.events({ kind, name: check.name });
    for (const e of check.events) {
      parts.push(`event ${JSON.stringify(e)}`);
      if (!evs.some((a) => matchPartial(e, a, '').length === 0)) {
        failures.push(
          `event ${JSON.stringify(e)}: not recorded; events: ${JSON.stringify(evs.map((a) => `${a.type} ${a.reason}: ${a.message}`))}`,
        );
      }
    }
  }
  return {
    description: `${label}${parts.length > 0 ? ` ${parts.join(', ')}` : ''}`,
    time,
    ok: failures.length === 0,
    failures: failures.map((f) => `at ${formatDuration(time)}: ${label} ${f}`),
  };
}

function brief(c: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { type: c.type, status: c.status };
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}

function podsOf(sim: Simulation, obj: KubeObject): Pod[] {
  if (obj.kind === 'Pod') return [obj as Pod];
  const uid = obj.metadata?.uid;
  if (obj.kind === 'Job') {
    return sim.store.list('Pod', {
      filter: (p) => p.metadata?.ownerReferences?.some((r) => r.uid === uid) ?? false,
    });
  }
  if (obj.kind === 'CronJob') {
    const jobs = sim.store.list('Job', {
      filter: (j: Job) => j.metadata?.ownerReferences?.some((r) => r.uid === uid) ?? false,
    });
    const uids = new Set(jobs.map((j) => j.metadata?.uid));
    return sim.store.list('Pod', {
      filter: (p) => p.metadata?.ownerReferences?.some((r) => uids.has(r.uid)) ?? false,
    });
  }
  if (obj.kind === 'Node')
    return sim.store.list('Pod', { filter: (p) => p.spec?.nodeName === obj.metadata?.name });
  return [];
}
