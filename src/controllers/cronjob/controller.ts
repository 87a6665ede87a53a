/**
 * The CronJob controller, as upstream `pkg/controller/cronjob/cronjob_controllerv2.go` (v1.34):
 * a work queue of CronJobs fed by CronJob and Job watch events and by a wake-up at each next
 * scheduled time + 100 ms. Each sync reconciles the Jobs the CronJob controls (active list,
 * `lastSuccessfulTime`, missing Jobs), prunes finished Jobs beyond the history limits, and
 * creates at most one Job: for the most recent scheduled time that is due, as the concurrency
 * policy, `suspend` and `startingDeadlineSeconds` allow.
 *
 * Jobs are created through the {@link ApiServer} (Job defaulting and validation apply) and
 * deleted with Background propagation. Differences from upstream, unobservable through the API:
 * reads are never stale, so the controller's re-reads of the CronJob and Jobs are plain reads.
 */

import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import { ApiError, goQuote } from '../../api/errors.js';
import type { CronJob, CronJobStatus, Job } from '../../api/types.js';
import type { Engine } from '../../engine/engine.js';
import type { ApiServer } from '../../store/apiserver.js';
import type { Store, WatchEvent } from '../../store/store.js';
import { WorkQueue } from '../workqueue.js';
import { formatRFC1123Z, loadLocation, parseStandard, type Schedule } from './schedule.js';
import {
  byJobStartTime,
  controllerRefOf,
  finishedCondition,
  formatTime,
  getJobFromTemplate2,
  getJobName,
  isJobFinished,
  isJobSucceeded,
  nextScheduleTime,
  nextScheduleTimeDuration,
  parseTime,
} from './utils.js';

const COMPONENT = 'cronjob-controller';

/** client-go's `DefaultControllerRateLimiter` per-item exponential back-off: 5 ms doubling to 1000 s. */
const RATE_LIMIT_BASE_MS = 5;
const RATE_LIMIT_MAX_MS = 1_000_000;

type MutableStatus = { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };

interface SyncResult {
  requeueAfter: number | undefined;
  updateStatus: boolean;
  error: string | undefined;
}

/**
 * The CronJob controller.
 *
 * @example
 * ```ts
 * new CronJobController(sim.engine, sim.store, sim.api).start();
 * ```
 */
export class CronJobController {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly api: ApiServer;
  private readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();

  constructor(engine: Engine, store: Store, api: ApiServer) {
    this.engine = engine;
    this.store = store;
    this.api = api;
    this.queue = new WorkQueue(engine, 'cronjob-sync', (key) => this.processKey(key));
  }

  /** Subscribes to the store's watch (CronJobs and Jobs). */
  start(): void {
    this.store.emitter.on('CronJob', (e) => this.onCronJob(e));
    this.store.emitter.on('Job', (e) => this.onJob(e));
  }

  /** Wall-clock now (epoch ms) of the virtual clock. */
  private now(): number {
    return this.store.startTime + this.engine.now;
  }

  private key(obj: { metadata?: { namespace?: string; name?: string } }): string {
    return `${obj.metadata?.namespace ?? 'default'}/${obj.metadata?.name ?? ''}`;
  }

  private record(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.store.recordEvent(cj, type, reason, message, COMPONENT);
  }

  // ----- event handlers -----

  private onCronJob(e: WatchEvent<'CronJob'>): void {
    if (e.type === 'DELETED') {
      // The sync finds nothing and stops; dropping the pending wake-up changes nothing else.
      this.queue.forget(this.key(e.object));
      this.queue.add(this.key(e.object));
      return;
    }
    if (e.type !== 'MODIFIED' || !e.old) {
      this.queue.add(this.key(e.object));
      return;
    }
    this.updateCronJob(e.old, e.object);
  }

  /**
   * `updateCronJob`: a changed schedule or time zone requeues for the new next time (or records
   * `UnParseableCronJobSchedule` and waits for the next spec change); anything else syncs now.
   */
  private updateCronJob(oldCJ: CronJob, newCJ: CronJob): void {
    const key = this.key(newCJ);
    if (
      oldCJ.spec?.schedule !== newCJ.spec?.schedule ||
      (oldCJ.spec?.timeZone ?? null) !== (newCJ.spec?.timeZone ?? null)
    ) {
      let sched: Schedule;
      try {
        sched = parseStandard(this.formatSchedule(newCJ, false));
      } catch {
        this.record(
          newCJ,
          'Warning',
          'UnParseableCronJobSchedule',
          `unparseable schedule for cronjob: ${newCJ.spec?.schedule ?? ''}`,
        );
        return;
      }
      const now = this.now();
      this.queue.addAfter(key, nextScheduleTimeDuration(newCJ, now, sched));
      return;
    }
    this.queue.add(key);
  }

  /** The CronJob named by a Job's controller reference, if it exists with that uid. */
  private resolveControllerRef(job: Job, ref = controllerRefOf(job)): CronJob | undefined {
    if (ref?.kind !== 'CronJob') return undefined;
    const cj = this.store.get('CronJob', job.metadata?.namespace, ref.name);
    if (!cj || cj.metadata?.uid !== ref.uid) return undefined;
    return cj;
  }

  private onJob(e: WatchEvent<'Job'>): void {
    const job = e.object;
    if (e.type === 'MODIFIED' && e.old) {
      if (e.old.metadata?.resourceVersion === job.metadata?.resourceVersion) return;
      const cur = controllerRefOf(job);
      const old = controllerRefOf(e.old);
      const changed = JSON.stringify(cur) !== JSON.stringify(old);
      if (changed && old) {
        const cj = this.resolveControllerRef(e.old, old);
        if (cj) this.queue.add(this.key(cj));
      }
    }
    const cj = this.resolveControllerRef(job);
    if (cj) this.queue.add(this.key(cj));
  }

  // ----- sync -----

  private processKey(key: string): void {
    const { requeueAfter, error } = this.sync(key);
    if (error !== undefined) {
      const n = this.failures.get(key) ?? 0;
      this.failures.set(key, n + 1);
      this.queue.addAfter(key, Math.min(RATE_LIMIT_BASE_MS * 2 ** n, RATE_LIMIT_MAX_MS));
    } else if (requeueAfter !== undefined) {
      this.failures.delete(key);
      this.queue.addAfter(key, requeueAfter);
    }
  }

  /** `sync`: reconcile, clean up, maybe create a Job, and write the status once. */
  private sync(key: string): { requeueAfter: number | undefined; error: string | undefined } {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const cronJob = this.store.get('CronJob', ns, name);
    if (!cronJob) {
      this.failures.delete(key);
      return { requeueAfter: undefined, error: undefined };
    }
    // getJobsToBeReconciled: every Job in the namespace whose controller reference names it.
    const jobs = this.store.list('Job', {
      namespace: ns,
      filter: (j) => controllerRefOf(j)?.name === name,
    });
    const status: MutableStatus = structuredClone((cronJob.status ?? {}) as MutableStatus);
    const updateAfterCleanup = this.cleanupFinishedJobs(cronJob, status, jobs);
    const r = this.syncCronJob(cronJob, status, jobs);
    if (updateAfterCleanup || r.updateStatus) {
      const cur = this.store.get('CronJob', ns, name);
      if (cur && cur.metadata?.uid === cronJob.metadata?.uid) {
        this.store.update('CronJob', { ...cur, status: cleanStatus(status) });
      }
    }
    if (r.requeueAfter !== undefined) return { requeueAfter: r.requeueAfter, error: undefined };
    return { requeueAfter: undefined, error: r.error };
  }

  /**
   * `formatSchedule`: `TZ=<timeZone> <schedule>` when a valid timeZone is set; a schedule that
   * itself names `TZ` is used as it is (event `UnsupportedSchedule` when recording).
   */
  private formatSchedule(cj: CronJob, record: boolean): string {
    const schedule = cj.spec?.schedule ?? '';
    if (schedule.includes('TZ')) {
      if (record) {
        this.record(
          cj,
          'Warning',
          'UnsupportedSchedule',
          `CRON_TZ or TZ used in schedule ${goQuote(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
        );
      }
      return schedule;
    }
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null) {
      try {
        loadLocation(tz);
      } catch {
        return schedule;
      }
      return `TZ=${tz} ${schedule}`;
    }
    return schedule;
  }

  /** Status as it is written: `active` left out when empty (omitempty). */
  private withStatus(cj: CronJob, status: MutableStatus): CronJob {
    return { ...cj, status: cleanStatus(status) };
  }

  /** `syncCronJob`. */
  private syncCronJob(cronJob: CronJob, status: MutableStatus, jobs: Job[]): SyncResult {
    const now = this.now();
    let updateStatus = false;
    const children = new Set<string>();
    for (const j of jobs) {
      const uid = j.metadata?.uid ?? '';
      children.add(uid);
      const found = inActiveList(status, uid);
      if (!found && !isJobFinished(j)) {
        this.record(
          cronJob,
          'Warning',
          'UnexpectedJob',
          `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`,
        );
      } else if (found && isJobFinished(j)) {
        deleteFromActiveList(status, uid);
        this.record(
          cronJob,
          'Normal',
          'SawCompletedJob',
          `Saw completed job: ${j.metadata?.name}, condition: ${finishedCondition(j)}`,
        );
        updateStatus = true;
      } else if (isJobSucceeded(j)) {
        // A job does not have to be in the active list: a successful one sets the timestamp.
        const completion = j.status?.completionTime;
        if (status.lastSuccessfulTime === undefined) {
          if (completion !== undefined) status.lastSuccessfulTime = completion;
          updateStatus = true;
        }
        const c = parseTime(completion);
        const l = parseTime(status.lastSuccessfulTime);
        if (c !== undefined && (l === undefined || c > l)) {
          status.lastSuccessfulTime = completion!;
          updateStatus = true;
        }
      }
    }

    // Remove active entries whose Job no longer exists.
    for (const ref of [...(status.active ?? [])]) {
      if (children.has(ref.uid ?? '')) continue;
      if (!this.store.get('Job', ref.namespace, ref.name ?? '')) {
        this.record(cronJob, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(status, ref.uid ?? '');
        updateStatus = true;
      }
    }

    const done = (requeueAfter?: number, error?: string): SyncResult => ({
      requeueAfter,
      updateStatus,
      error,
    });

    if (cronJob.metadata?.deletionTimestamp) return done();

    const tz = cronJob.spec?.timeZone;
    if (tz !== undefined && tz !== null) {
      try {
        loadLocation(tz);
      } catch (e) {
        this.record(
          cronJob,
          'Warning',
          'UnknownTimeZone',
          `invalid timeZone: ${goQuote(tz)}: ${(e as Error).message}`,
        );
        return done();
      }
    }

    if (cronJob.spec?.suspend === true) return done();

    let sched: Schedule;
    try {
      sched = parseStandard(this.formatSchedule(cronJob, true));
    } catch (e) {
      this.record(
        cronJob,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: ${goQuote(cronJob.spec?.schedule ?? '')} : ${(e as Error).message}`,
      );
      return done();
    }

    const withCur = () => this.withStatus(cronJob, status);
    const next = nextScheduleTime(withCur(), now, sched);
    if (next.tooManyMissed) {
      this.record(
        cronJob,
        'Warning',
        'TooManyMissedTimes',
        'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      );
    }
    if (next.error !== undefined) {
      this.record(
        cronJob,
        'Warning',
        'InvalidSchedule',
        `invalid schedule: ${cronJob.spec?.schedule ?? ''} : ${next.error}`,
      );
      return done();
    }
    const scheduledTime = next.time;
    if (scheduledTime === undefined) return done(nextScheduleTimeDuration(withCur(), now, sched));

    const sds = cronJob.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && scheduledTime + sds * 1000 < now) {
      this.record(
        cronJob,
        'Warning',
        'MissSchedule',
        `Missed scheduled time to start a job: ${formatRFC1123Z(scheduledTime)}`,
      );
      return done(nextScheduleTimeDuration(withCur(), now, sched));
    }

    const jobName = getJobName(cronJob, scheduledTime);
    const ns = cronJob.metadata?.namespace ?? 'default';
    if (
      (status.active ?? []).some((r) => r.name === jobName && (r.namespace ?? 'default') === ns) ||
      parseTime(status.lastScheduleTime) === scheduledTime
    ) {
      return done(nextScheduleTimeDuration(withCur(), now, sched));
    }

    const policy = cronJob.spec?.concurrencyPolicy;
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      this.record(
        cronJob,
        'Normal',
        'JobAlreadyActive',
        'Not starting job because prior execution is running and concurrency policy is Forbid',
      );
      return done(nextScheduleTimeDuration(withCur(), now, sched));
    }
    if (policy === 'Replace') {
      for (const ref of [...(status.active ?? [])]) {
        const job = this.store.get('Job', ref.namespace, ref.name ?? '');
        if (!job) {
          const err = `jobs.batch ${goQuote(ref.name ?? '')} not found`;
          this.record(cronJob, 'Warning', 'FailedGet', `Get job: ${err}`);
          return done(undefined, err);
        }
        if (!this.deleteJob(cronJob, status, job)) {
          return done(undefined, `could not replace job ${job.metadata?.namespace}/${job.metadata?.name}`);
        }
        updateStatus = true;
      }
    }

    let jobReq: Job;
    try {
      jobReq = getJobFromTemplate2(cronJob, scheduledTime);
    } catch (e) {
      return done(undefined, (e as Error).message);
    }
    let jobResp: Job;
    let alreadyExists = false;
    const existing = this.store.get('Job', ns, jobName);
    if (existing) {
      // AlreadyExists: adopt it into the active list only if this CronJob controls it.
      alreadyExists = true;
      jobResp = existing;
      const ref = controllerRefOf(existing);
      if (!ref || ref.uid !== cronJob.metadata?.uid) return done();
      if (inActiveList(status, existing.metadata?.uid ?? '')) return done();
    } else {
      try {
        jobResp = this.api.create<'Job'>(jobReq);
      } catch (e) {
        const msg = e instanceof ApiError ? e.apiMessage : (e as Error).message;
        this.record(cronJob, 'Warning', 'FailedCreate', `Error creating job: ${msg}`);
        return done(undefined, msg);
      }
    }
    if (!alreadyExists) {
      this.record(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${jobResp.metadata?.name}`);
    }

    const md = jobResp.metadata!;
    (status.active ??= []).push({
      kind: 'Job',
      namespace: md.namespace ?? ns,
      name: md.name!,
      uid: md.uid!,
      apiVersion: 'batch/v1',
      resourceVersion: md.resourceVersion!,
    });
    status.lastScheduleTime = formatTime(scheduledTime);
    updateStatus = true;
    return done(nextScheduleTimeDuration(withCur(), now, sched));
  }

  /** `cleanupFinishedJobs`: deletes the oldest finished Jobs beyond each history limit. */
  private cleanupFinishedJobs(cj: CronJob, status: MutableStatus, jobs: Job[]): boolean {
    const succeededLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    const hasS = succeededLimit !== undefined && succeededLimit !== null;
    const hasF = failedLimit !== undefined && failedLimit !== null;
    if (!hasS && !hasF) return false;
    const successful: Job[] = [];
    const failed: Job[] = [];
    for (const j of jobs) {
      const c = finishedCondition(j);
      if (c === 'Complete') successful.push(j);
      else if (c === 'Failed') failed.push(j);
    }
    let update = false;
    if (hasS && this.removeOldestJobs(cj, status, successful, succeededLimit)) update = true;
    if (hasF && this.removeOldestJobs(cj, status, failed, failedLimit)) update = true;
    return update;
  }

  private removeOldestJobs(cj: CronJob, status: MutableStatus, js: Job[], maxJobs: number): boolean {
    const numToDelete = js.length - maxJobs;
    if (numToDelete <= 0) return false;
    const sorted = [...js].sort(byJobStartTime);
    let update = false;
    for (let i = 0; i < numToDelete; i++) {
      if (this.deleteJob(cj, status, sorted[i]!)) update = true;
    }
    return update;
  }

  /** `deleteJob`: deletes the Job (Background propagation) and its active-list entry. */
  private deleteJob(cj: CronJob, status: MutableStatus, job: Job): boolean {
    try {
      this.api.delete('Job', job.metadata?.namespace, job.metadata!.name!, {
        propagationPolicy: 'Background',
      });
    } catch (e) {
      const msg = e instanceof ApiError ? e.apiMessage : (e as Error).message;
      this.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${msg}`);
      return false;
    }
    deleteFromActiveList(status, job.metadata?.uid ?? '');
    this.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
    return true;
  }
}

function inActiveList(status: MutableStatus, uid: string): boolean {
  return (status.active ?? []).some((r) => r.uid === uid);
}

function deleteFromActiveList(status: MutableStatus, uid: string): void {
  status.active = (status.active ?? []).filter((r) => r.uid !== uid);
}

function cleanStatus(status: MutableStatus): CronJobStatus {
  const out: MutableStatus = { ...status };
  if (!out.active || out.active.length === 0) delete out.active;
  if (out.lastScheduleTime === undefined) delete out.lastScheduleTime;
  if (out.lastSuccessfulTime === undefined) delete out.lastSuccessfulTime;
  return out as CronJobStatus;
}
