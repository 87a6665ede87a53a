/**
 * Time and Job helpers of the CronJob controller, as upstream
 * `pkg/controller/cronjob/utils.go` (v1.34): which scheduled time is due
 * (`mostRecentScheduleTime`, `nextScheduleTime`), when to wake up next
 * (`nextScheduleTimeDuration`), Job names, the Job made from the template, and the
 * oldest-first order of finished Jobs (`byJobStartTime`).
 *
 * Times are epoch milliseconds (wall clock, not virtual time).
 */

import { cloneJson } from '../../api/clone.js';
import { goStringCompare } from '../../api/errors.js';
import type { CronJob, Job, JobCondition, ObjectMeta, OwnerReference } from '../../api/types.js';
import { formatRFC3339, loadLocation, type Schedule } from './schedule.js';

/** `nextScheduleDelta`: the padding added to every requeue. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** `batchv1.CronJobScheduledTimestampAnnotation`. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `missedSchedulesType`. */
export type MissedSchedules = 'none' | 'few' | 'many';

/** The result of {@link mostRecentScheduleTime}. */
export interface MostRecent {
  /** `status.lastScheduleTime`, else `metadata.creationTimestamp` (moved up to now − deadline). */
  readonly earliest: number;
  /** The most recent scheduled time not after now; undefined when none. */
  readonly mostRecent: number | undefined;
  readonly missed: MissedSchedules;
  /** Set for schedules whose two next times are less than a second apart (e.g. `59 23 31 2 *`). */
  readonly error: string | undefined;
}

/** Epoch ms of a metav1.Time string (`undefined` for nil). */
export function parseTime(ts: string | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === '') return undefined;
  const v = Date.parse(ts);
  return Number.isNaN(v) ? undefined : v;
}

/** A metav1.Time as the API server serializes it: RFC 3339 in UTC, whole seconds. */
export function formatTime(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * `mostRecentScheduleTime`: the last schedule time or creation time, the most recent time a Job
 * should be created (undefined when that is after now), whether few or many (> 100) schedules
 * were missed, and an error for logically impossible schedules. The count of missed schedules is
 * upstream's approximation from the first two next times.
 *
 * @example
 * ```ts
 * // created 10:00, hourly, now 11:01 -> most recent 11:00
 * mostRecentScheduleTime(cj, Date.parse('2016-05-19T11:01:00Z'), parseStandard('0 * * * *'), false).mostRecent;
 * ```
 */
export function mostRecentScheduleTime(
  cj: CronJob,
  now: number,
  schedule: Schedule,
  includeStartingDeadlineSeconds: boolean,
): MostRecent {
  let earliest = parseTime(cj.metadata?.creationTimestamp) ?? 0;
  let missed: MissedSchedules = 'none';
  const last = parseTime(cj.status?.lastScheduleTime);
  if (last !== undefined) earliest = last;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && sds !== undefined && sds !== null) {
    const schedulingDeadline = now - sds * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = schedule.next(t1);
  if (now < t1) return { earliest, mostRecent: undefined, missed, error: undefined };
  if (now < t2) return { earliest, mostRecent: t1, missed, error: undefined };
  // Duration.Round(time.Second).Seconds(), as an integer.
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) {
    return {
      earliest,
      mostRecent: undefined,
      missed,
      error: 'time difference between two schedules is less than 1 second',
    };
  }
  const elapsed = Math.trunc((now - t1) / 1000);
  const numberOfMissedSchedules = Math.trunc(elapsed / between) + 1;
  const potentialEarliest = t1 + (numberOfMissedSchedules - 1 - 1) * between * 1000;
  let mostRecent: number | undefined;
  for (let t = schedule.next(potentialEarliest); t <= now; t = schedule.next(t)) mostRecent = t;
  if (numberOfMissedSchedules > 100) missed = 'many';
  else if (numberOfMissedSchedules > 0) missed = 'few';
  return { earliest, mostRecent, missed, error: undefined };
}

/**
 * `nextScheduleTimeDuration`: how long (ms) until the controller should look at the CronJob
 * again: the schedule's next time after the most recent one (after now when schedules were
 * missed or the schedule is broken), plus 100 ms.
 */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: Schedule): number {
  const r = mostRecentScheduleTime(cj, now, schedule, false);
  let mostRecent: number;
  if (r.error !== undefined) mostRecent = now;
  else if (r.mostRecent === undefined) mostRecent = r.missed === 'none' ? r.earliest : now;
  else mostRecent = r.mostRecent;
  return schedule.next(mostRecent) + NEXT_SCHEDULE_DELTA_MS - now;
}

/** The result of {@link nextScheduleTime}. */
export interface NextScheduleTime {
  /** The scheduled time to start a Job for, if one is due. */
  readonly time: number | undefined;
  readonly error: string | undefined;
  /** True when more than 100 schedules were missed (the controller records `TooManyMissedTimes`). */
  readonly tooManyMissed: boolean;
}

/**
 * `nextScheduleTime`: the scheduled time a Job is due for now (honouring
 * `startingDeadlineSeconds`), or none.
 */
export function nextScheduleTime(cj: CronJob, now: number, schedule: Schedule): NextScheduleTime {
  const r = mostRecentScheduleTime(cj, now, schedule, true);
  if (r.mostRecent === undefined || r.mostRecent > now)
    return { time: undefined, error: r.error, tooManyMissed: false };
  return { time: r.mostRecent, error: r.error, tooManyMissed: r.missed === 'many' };
}

/** `getTimeHashInMinutes`. */
export function getTimeHashInMinutes(scheduledTime: number): number {
  return Math.floor(Math.floor(scheduledTime / 1000) / 60);
}

/**
 * `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`.
 *
 * @example
 * ```ts
 * getJobName({ metadata: { name: 'hello' } }, Date.parse('2026-01-01T00:01:00Z')); // 'hello-29453761'
 * ```
 */
export function getJobName(cj: CronJob, scheduledTime: number): string {
  return `${cj.metadata?.name ?? ''}-${getTimeHashInMinutes(scheduledTime)}`;
}

/** `metav1.NewControllerRef(cj, batch/v1 CronJob)`. */
export function newControllerRef(cj: CronJob): OwnerReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    name: cj.metadata?.name ?? '',
    uid: cj.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * `getJobFromTemplate2`: a Job named for the scheduled time, with the template's labels and
 * annotations, the scheduled-timestamp annotation (RFC 3339 in the CronJob's `timeZone`), a
 * controller reference to the CronJob, and a copy of the template's spec.
 * @throws LoadLocationError for an unknown `timeZone`.
 */
export function getJobFromTemplate2(cj: CronJob, scheduledTime: number): Job {
  const tmpl = cj.spec?.jobTemplate;
  const labels: Record<string, string> = Object.assign({}, tmpl?.metadata?.labels);
  const annotations: Record<string, string> = Object.assign({}, tmpl?.metadata?.annotations);
  const zone = loadLocation(cj.spec?.timeZone ?? '');
  annotations[CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION] = formatRFC3339(scheduledTime, zone);
  const metadata: ObjectMeta = {
    name: getJobName(cj, scheduledTime),
    namespace: cj.metadata?.namespace ?? 'default',
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    annotations,
    ownerReferences: [newControllerRef(cj)],
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata,
    spec: cloneJson(tmpl?.spec ?? { template: {} }),
  };
}

/** `jobutil.FinishedCondition`: the type of the first Complete/Failed condition that is True. */
export function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** `jobutil.IsJobFinished`. */
export function isJobFinished(job: Job): boolean {
  return finishedCondition(job) !== undefined;
}

/** `jobutil.IsJobSucceeded`: a Complete condition that is True. */
export function isJobSucceeded(job: Job): boolean {
  return (job.status?.conditions ?? []).some(
    (c: JobCondition) => c.type === 'Complete' && c.status === 'True',
  );
}

/** `byJobStartTime.Less`: by `status.startTime` (unset last), then by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return goStringCompare(a.metadata?.name ?? '', b.metadata?.name ?? '');
  return sa! < sb! ? -1 : 1;
}

/** `metav1.GetControllerOf`. */
export function controllerRefOf(obj: { metadata?: ObjectMeta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}
