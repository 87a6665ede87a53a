/**
 * Pod helpers shared by controllers, as in upstream `pkg/api/v1/pod/util.go` and
 * `pkg/controller/controller_utils.go`.
 */
import type { Pod, PodCondition } from '../api/types.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
export const JOB_INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';
export const JOB_INDEX_IGNORED_FAILURE_COUNT = 'batch.kubernetes.io/job-index-ignored-failure-count';

/** Succeeded or Failed. */
export function isPodTerminal(p: Pod): boolean {
  const ph = p.status?.phase;
  return ph === 'Succeeded' || ph === 'Failed';
}

/** Not terminal and not being deleted (`controller.IsPodActive`). */
export function isPodActive(p: Pod): boolean {
  return !isPodTerminal(p) && !p.metadata?.deletionTimestamp;
}

/** Being deleted but not terminal (`controller.IsPodTerminating`). */
export function isPodTerminating(p: Pod): boolean {
  return !isPodTerminal(p) && !!p.metadata?.deletionTimestamp;
}

/** The pod condition of a type. */
export function getPodCondition(p: Pod, type: string): PodCondition | undefined {
  const conditions = p.status?.conditions;
  if (!conditions) return undefined;
  for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/** Ready condition True (`podutil.IsPodReady`). */
export function isPodReady(p: Pod): boolean {
  return getPodCondition(p, 'Ready')?.status === 'True';
}

/** Has the `batch.kubernetes.io/job-tracking` finalizer. */
export function hasJobTrackingFinalizer(p: Pod): boolean {
  const f = p.metadata?.finalizers;
  return f?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

const indexCache = new WeakMap<object, number>();

/**
 * Completion index from the pod's annotation, or -1 when missing or invalid. Cached per
 * annotations object (pod updates keep it).
 */
export function getCompletionIndex(p: Pod): number {
  const annotations = p.metadata?.annotations;
  if (!annotations) return -1;
  const hit = indexCache.get(annotations);
  if (hit !== undefined) return hit;
  const v = annotations[JOB_COMPLETION_INDEX];
  let ix = -1;
  if (v !== undefined && /^\d+$/.test(v)) {
    const n = Number(v);
    if (Number.isSafeInteger(n)) ix = n;
  }
  indexCache.set(annotations, ix);
  return ix;
}

/** Highest restartCount over the pod's containers (`maxContainerRestarts`). */
export function maxContainerRestarts(p: Pod): number {
  let m = 0;
  for (const c of p.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount ?? 0);
  for (const c of p.status?.initContainerStatuses ?? []) m = Math.max(m, c.restartCount ?? 0);
  return m;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * `controller.ActivePods` order: pods in earlier stages first (deleted first on scale-down).
 * Upstream's sort is not stable; jobsim breaks remaining ties by name, descending, so that the
 * order is deterministic.
 */
export function compareActivePods(
  a: Pod,
  b: Pod,
  virtualTime: (ts: string | undefined) => number | undefined,
): number {
  const an = a.spec?.nodeName ?? '';
  const bn = b.spec?.nodeName ?? '';
  if (an !== bn && (an === '' || bn === '')) return an === '' ? -1 : 1;
  const ap = PHASE_ORDINAL[a.status?.phase ?? 'Pending'] ?? 0;
  const bp = PHASE_ORDINAL[b.status?.phase ?? 'Pending'] ?? 0;
  if (ap !== bp) return ap - bp;
  const ar = isPodReady(a);
  const br = isPodReady(b);
  if (ar !== br) return ar ? 1 : -1;
  if (ar && br) {
    const at = virtualTime(getPodCondition(a, 'Ready')?.lastTransitionTime);
    const bt = virtualTime(getPodCondition(b, 'Ready')?.lastTransitionTime);
    if (at !== bt) return afterOrZero(at, bt) ? -1 : 1;
  }
  const amr = maxContainerRestarts(a);
  const bmr = maxContainerRestarts(b);
  if (amr !== bmr) return amr > bmr ? -1 : 1;
  const ac = virtualTime(a.metadata?.creationTimestamp);
  const bc = virtualTime(b.metadata?.creationTimestamp);
  if (ac !== bc) return afterOrZero(ac, bc) ? -1 : 1;
  const aName = a.metadata?.name ?? '';
  const bName = b.metadata?.name ?? '';
  return aName < bName ? 1 : aName > bName ? -1 : 0;
}

function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}
