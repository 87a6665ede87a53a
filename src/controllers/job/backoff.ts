/**
 * Pod failure back-off before replacement pods are created, as upstream
 * `pkg/controller/job/backoff_utils.go`.
 */
import type { ContainerStatus, Pod } from '../../api/types.js';
import { PROFILE } from '../../profile.js';
import { JOB_INDEX_FAILURE_COUNT, JOB_INDEX_IGNORED_FAILURE_COUNT } from '../podutil.js';

/** In-memory back-off record of one Job (`backoffRecord`). */
export interface BackoffRecord {
  readonly failuresAfterLastSuccess: number;
  /** Virtual ms of the last counted failure's finish. */
  readonly lastFailureTime: number | undefined;
}

export const EMPTY_BACKOFF: BackoffRecord = { failuresAfterLastSuccess: 0, lastFailureTime: undefined };

/**
 * A pod's finish time (`getFinishedTime`): the latest finishedAt when every container and every
 * sidecar (restartable init container, SidecarContainers GA in v1.33) terminated; else the
 * Ready=False transition; else deletionTimestamp minus the grace period; else creation time.
 */
export function podFinishedTime(p: Pod, vt: (ts: string | undefined) => number | undefined): number {
  const fromContainers = finishTimeFromContainers(p, vt);
  if (fromContainers !== undefined) return fromContainers;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  const rt = vt(ready?.lastTransitionTime);
  if (rt !== undefined) return rt;
  const dt = vt(p.metadata?.deletionTimestamp);
  if (dt !== undefined) return dt - (p.metadata?.deletionGracePeriodSeconds ?? 0) * 1000;
  return vt(p.metadata?.creationTimestamp) ?? 0;
}

/**
 * `getFinishTimeFromContainers`: the latest finishedAt over the regular containers, then over the
 * sidecars (which stop after the regular containers); undefined as soon as one of them has not
 * terminated (or has no finishedAt).
 */
function finishTimeFromContainers(
  p: Pod,
  vt: (ts: string | undefined) => number | undefined,
): number | undefined {
  const sidecars = new Set(
    (p.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  let latest: number | undefined;
  const fold = (statuses: readonly ContainerStatus[], only?: ReadonlySet<string>): boolean => {
    for (const cs of statuses) {
      if (only && !only.has(cs.name)) continue;
      const f = vt(cs.state?.terminated?.finishedAt);
      if (f === undefined) return false;
      if (latest === undefined || f > latest) latest = f;
    }
    return true;
  };
  if (!fold(p.status?.containerStatuses ?? [])) return undefined;
  if (!fold(p.status?.initContainerStatuses ?? [], sidecars)) return undefined;
  return latest;
}

/** `newBackoffRecord`: folds this sync's newly finished pods into the record. */
export function newBackoffRecord(
  prev: BackoffRecord,
  newSucceeded: readonly Pod[],
  newFailed: readonly Pod[],
  vt: (ts: string | undefined) => number | undefined,
): BackoffRecord {
  const st = newSucceeded.map((p) => podFinishedTime(p, vt)).sort((a, b) => a - b);
  const ft = newFailed.map((p) => podFinishedTime(p, vt)).sort((a, b) => a - b);
  if (st.length === 0) {
    if (ft.length === 0) return prev;
    return {
      failuresAfterLastSuccess: prev.failuresAfterLastSuccess + ft.length,
      lastFailureTime: ft[ft.length - 1],
    };
  }
  if (ft.length === 0) return EMPTY_BACKOFF;
  const lastSuccess = st[st.length - 1]!;
  let failures = 0;
  let lastFailureTime: number | undefined;
  for (let i = ft.length - 1; i >= 0; i--) {
    const t = ft[i]!;
    if (!(t > lastSuccess)) break;
    if (lastFailureTime === undefined) lastFailureTime = t;
    failures++;
  }
  return { failuresAfterLastSuccess: failures, lastFailureTime };
}

/** `getRemainingTimeForFailuresCount`: min(10s * 2^(n-1), 10m) minus the time since the last failure. */
export function remainingBackoff(failures: number, lastFailureTime: number | undefined, now: number): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let d: number = PROFILE.jobPodFailureBackoff;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= PROFILE.maxJobPodFailureBackoff) {
      d = PROFILE.maxJobPodFailureBackoff;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  if (d < elapsed) return 0;
  return d - elapsed;
}

/** Per-index failure counts carried in pod annotations (backoffLimitPerIndex). */
export function indexFailureCount(p: Pod): number {
  return parseCount(p.metadata?.annotations?.[JOB_INDEX_FAILURE_COUNT]);
}

/** Per-index ignored failure count (failures matched by an Ignore rule). */
export function indexIgnoredFailureCount(p: Pod): number {
  return parseCount(p.metadata?.annotations?.[JOB_INDEX_IGNORED_FAILURE_COUNT]);
}

function parseCount(v: string | undefined): number {
  if (v === undefined || !/^\d+$/.test(v)) return 0;
  return Number(v);
}

/** `getRemainingTimePerIndex`: back-off of an index from its last failed pod. */
export function remainingBackoffPerIndex(
  lastFailedPod: Pod | undefined,
  now: number,
  vt: (ts: string | undefined) => number | undefined,
): number {
  if (!lastFailedPod) return 0;
  const failures = indexFailureCount(lastFailedPod) + indexIgnoredFailureCount(lastFailedPod) + 1;
  return remainingBackoff(failures, podFinishedTime(lastFailedPod, vt), now);
}
