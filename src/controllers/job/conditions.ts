/**
 * Job condition helpers (`ensureJobConditionStatus`, `newCondition`, finished checks).
 */
import type { Job, JobCondition } from '../../api/types.js';

/** A new condition with both timestamps set to `ts`. */
export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  ts: string,
): JobCondition {
  return { type, status, lastProbeTime: ts, lastTransitionTime: ts, reason, message };
}

/** The condition of a type, if present. */
export function findCondition(
  list: readonly JobCondition[] | undefined,
  type: string,
): JobCondition | undefined {
  return list?.find((c) => c.type === type);
}

/** Complete=True or Failed=True (`util.IsJobFinished`). */
export function isJobFinished(job: Job): boolean {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return true;
  }
  return false;
}

/**
 * `ensureJobConditionStatus`: updates the condition of `type` in place (new timestamps) when
 * status, reason or message differ; appends it when absent, unless the new status is False.
 * Returns the new list and whether it changed.
 */
export function ensureJobConditionStatus(
  list: readonly JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  ts: string,
): [JobCondition[], boolean] {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i]!;
    if (c.status !== status || c.reason !== reason || c.message !== message) {
      const out = [...list];
      out[i] = newCondition(type, status, reason, message, ts);
      return [out, true];
    }
    return [list as JobCondition[], false];
  }
  if (status !== 'False') return [[...list, newCondition(type, status, reason, message, ts)], true];
  return [list as JobCondition[], false];
}
