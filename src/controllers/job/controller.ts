/**
 * The Job controller, as upstream `pkg/controller/job/job_controller.go` (v1.34): reacts to
 * Jobs and their pods, creates and deletes pods, counts finished pods through the
 * `batch.kubernetes.io/job-tracking` finalizer, and writes Job status and conditions.
 *
 * Differences from upstream, all unobservable through the API: expectations are always
 * satisfied (writes are visible at once); the uncountedTerminatedPods hand-off between two
 * status writes of one sync is collapsed into one write.
 */

import { withKey } from '../../api/clone.js';
import { compileSelector } from '../../api/selector.js';
import type { Container, Job, JobCondition, JobStatus, Pod, PodSpec } from '../../api/types.js';
import type { Engine } from '../../engine/engine.js';
import { PROFILE } from '../../profile.js';
import type { Store, WatchEvent } from '../../store/store.js';
import {
  compareActivePods,
  getCompletionIndex,
  hasJobTrackingFinalizer,
  isPodActive,
  isPodReady,
  isPodTerminating,
  JOB_COMPLETION_INDEX,
  JOB_INDEX_FAILURE_COUNT,
  JOB_INDEX_IGNORED_FAILURE_COUNT,
  JOB_TRACKING_FINALIZER,
  maxContainerRestarts,
} from '../podutil.js';
import { WorkQueue } from '../workqueue.js';
import {
  type BackoffRecord,
  EMPTY_BACKOFF,
  indexFailureCount,
  indexIgnoredFailureCount,
  newBackoffRecord,
  podFinishedTime,
  remainingBackoff,
  remainingBackoffPerIndex,
} from './backoff.js';
import { ensureJobConditionStatus, findCondition, isJobFinished, newCondition } from './conditions.js';
import {
  firstPendingIndexes,
  formatIndexSet,
  IndexIntervals,
  parseIndexSet,
  podGenerateNameWithIndex,
} from './indexed.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';
import { matchSuccessPolicy } from './success-policy.js';

const COMPONENT = 'job-controller';
const MANAGED_BY_DEFAULT = 'kubernetes.io/job-controller';

/** Test-only switches that break the controller on purpose (to prove the property suite catches it). */
export interface JobControllerFaults {
  /** Skip the pod failure back-off. */
  readonly skipBackoff?: boolean;
}

interface SyncCtx {
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  failed: number;
  finishedCondition: JobCondition | undefined;
  /** Succeeded indexes: the status' plus those of succeeded pods still tracked. */
  succeededIndexes: Set<number> | undefined;
  /** Which of `succeededIndexes` the status does not have yet. */
  newlySucceededIndexes: Set<number> | undefined;
  failedIndexes: Set<number> | undefined;
  podsWithDelayedDeletionPerIndex: Map<number, Pod>;
  newBackoff: BackoffRecord;
}

/**
 * The Job controller.
 *
 * @example
 * ```ts
 * const jc = new JobController(engine, store);
 * jc.start();
 * ```
 */
export class JobController {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly queue: WorkQueue;
  private readonly backoff = new Map<string, BackoffRecord>();
  /**
   * Job uid -> its pods that matter to a sync (non-terminal, or still tracked by the
   * finalizer), by name, as last seen by the watch (the informer cache).
   */
  private readonly tracked = new Map<
    string,
    { pods: Map<string, Pod>; lastCreation: number; inCreationOrder: boolean }
  >();
  private readonly faults: JobControllerFaults;
  private readonly indexCache = new Map<string, { raw: string; completions: number; set: Set<number> }>();
  /** Job uid -> names of owned pods whose labels changed since the last sync. */
  private readonly relabelled = new Map<string, Set<string>>();
  /** Namespace -> names of pods without a controller (candidates for adoption). */
  private readonly orphans = new Map<string, Set<string>>();

  constructor(engine: Engine, store: Store, faults: JobControllerFaults = {}) {
    this.engine = engine;
    this.store = store;
    this.faults = faults;
    this.queue = new WorkQueue(engine, 'job-sync', (key) => this.syncJob(key));
  }

  /** Subscribes to the store's watch. */
  start(): void {
    this.store.emitter.on('Job', (e) => this.onJob(e));
    this.store.emitter.on('Pod', (e) => this.onPod(e));
  }

  private jobKey(job: Job): string {
    return `${job.metadata?.namespace ?? 'default'}/${job.metadata?.name}`;
  }

  private onJob(e: WatchEvent<'Job'>): void {
    const job = e.object;
    const key = this.jobKey(job);
    if (e.type === 'ADDED') {
      this.queue.add(key);
      return;
    }
    if (e.type === 'DELETED') {
      this.queue.add(key);
      this.cleanupPodFinalizers(job);
      this.tracked.delete(job.metadata!.uid!);
      this.relabelled.delete(job.metadata!.uid!);
      this.indexCache.delete(`${job.metadata!.uid}/completed`);
      this.indexCache.delete(`${job.metadata!.uid}/failed`);
      return;
    }
    const old = e.old!;
    if (old.metadata?.generation === job.metadata?.generation)
      this.queue.addAfter(key, PROFILE.syncJobBatchPeriod);
    else this.queue.add(key);
    if (isJobFinished(job)) this.cleanupPodFinalizers(job);
    const start = this.store.virtualTime(job.status?.startTime);
    const ads = job.spec?.activeDeadlineSeconds;
    if (start !== undefined && ads !== undefined && ads !== null) {
      const oldAds = old.spec?.activeDeadlineSeconds;
      if (oldAds === undefined || oldAds === null || oldAds !== ads) {
        this.queue.addAfter(key, ads * 1000 - (this.engine.now - start));
      }
    }
  }

  private controllerUid(pod: Pod): string | undefined {
    for (const r of pod.metadata?.ownerReferences ?? []) {
      if (r.controller && r.kind === 'Job' && r.apiVersion === 'batch/v1') return r.uid;
    }
    return undefined;
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const uid = this.controllerUid(pod);
    const oldUid = e.old ? this.controllerUid(e.old) : undefined;
    const name = pod.metadata!.name!;
    if (oldUid && oldUid !== uid) {
      this.tracked.get(oldUid)?.pods.delete(name);
      const oldJob = this.jobByUid(e.old!, oldUid);
      if (oldJob) this.queue.addAfter(this.jobKey(oldJob), PROFILE.syncJobBatchPeriod);
    }
    const ns = pod.metadata?.namespace ?? 'default';
    if (!uid) {
      if (hasJobTrackingFinalizer(pod) && e.type !== 'DELETED')
        this.engine.after(0, 'job-orphan-pod', () => this.syncOrphanPod(pod));
      let orphans = this.orphans.get(ns);
      if (e.type === 'DELETED') {
        orphans?.delete(name);
        return;
      }
      if (!orphans) {
        orphans = new Set();
        this.orphans.set(ns, orphans);
      }
      orphans.add(name);
      // An orphan that may be adopted now: sync the Jobs whose selector matches it.
      const labelsChanged = e.type === 'ADDED' || oldUid !== undefined || !sameLabels(e.old, pod);
      if (labelsChanged && !pod.metadata?.deletionTimestamp) {
        for (const job of this.store.list('Job', { namespace: ns })) {
          if (compileSelector(job.spec?.selector)(pod.metadata?.labels)) {
            this.queue.addAfter(this.jobKey(job), PROFILE.syncJobBatchPeriod);
          }
        }
      }
      return;
    }
    this.orphans.get(ns)?.delete(name);
    if (e.type === 'MODIFIED' && !sameLabels(e.old, pod)) {
      // Candidates for release: owned pods whose labels changed (checked by the next sync).
      let names = this.relabelled.get(uid);
      if (!names) {
        names = new Set();
        this.relabelled.set(uid, names);
      }
      names.add(name);
    }
    let set = this.tracked.get(uid);
    if (
      e.type === 'DELETED' ||
      (!isPodActive(pod) && !isPodTerminating(pod) && !hasJobTrackingFinalizer(pod))
    ) {
      set?.pods.delete(name);
    } else {
      if (!set) {
        set = { pods: new Map(), lastCreation: Number.NEGATIVE_INFINITY, inCreationOrder: true };
        this.tracked.set(uid, set);
      }
      if (!set.pods.has(name)) {
        // Pods mostly arrive in creation order; a sync sorts only when one did not.
        const created = this.store.virtualTime(pod.metadata?.creationTimestamp) ?? 0;
        if (created < set.lastCreation) set.inCreationOrder = false;
        else set.lastCreation = created;
      }
      set.pods.set(name, pod);
    }
    const job = this.jobByUid(pod, uid);
    if (!job) {
      if (hasJobTrackingFinalizer(pod) && e.type !== 'DELETED')
        this.engine.after(0, 'job-orphan-pod', () => this.syncOrphanPod(pod));
      return;
    }
    if (e.type === 'DELETED' || pod.metadata?.deletionTimestamp) {
      if (isJobFinished(job)) {
        if (hasJobTrackingFinalizer(pod) && e.type !== 'DELETED')
          this.engine.after(0, 'job-orphan-pod', () => this.syncOrphanPod(pod));
        return;
      }
    }
    this.queue.addAfter(this.jobKey(job), PROFILE.syncJobBatchPeriod);
  }

  private jobByUid(pod: Pod, uid: string): Job | undefined {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.uid === uid);
    if (!ref) return undefined;
    const job = this.store.get('Job', pod.metadata?.namespace, ref.name);
    return job && job.metadata?.uid === uid ? job : undefined;
  }

  /** `syncOrphanPod`: removes the tracking finalizer from a pod whose Job is gone or finished. */
  private syncOrphanPod(stale: Pod): void {
    const pod = this.store.get('Pod', stale.metadata?.namespace, stale.metadata!.name!);
    if (!pod || !hasJobTrackingFinalizer(pod)) return;
    const uid = this.controllerUid(pod);
    if (uid) {
      const job = this.jobByUid(pod, uid);
      if (job && managedByExternal(job)) return;
      if (job && !isJobFinished(job)) return;
    }
    this.removeTrackingFinalizer(pod);
  }

  /** On Job deletion or finish: strip tracking finalizers from its pods (`cleanupPodFinalizers`). */
  private cleanupPodFinalizers(job: Job): void {
    for (const pod of this.store.dependentsOf('Pod', job.metadata!.uid!)) {
      if (hasJobTrackingFinalizer(pod)) this.engine.after(0, 'job-orphan-pod', () => this.syncOrphanPod(pod));
    }
  }

  private removeTrackingFinalizer(pod: Pod): Pod | undefined {
    const cur = this.store.get('Pod', pod.metadata?.namespace, pod.metadata!.name!);
    if (!cur || !hasJobTrackingFinalizer(cur)) return cur;
    const finalizers = (cur.metadata!.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
    const md = withKey(cur.metadata!, 'finalizers', finalizers.length > 0 ? finalizers : undefined);
    return this.store.update('Pod', { ...cur, metadata: md });
  }

  /**
   * `ClaimPods` (controller_ref_manager.go): adopt orphan pods the selector matches (owner
   * reference and tracking finalizer), release owned pods it no longer matches.
   */
  private claimPods(job: Job): void {
    const ns = job.metadata?.namespace ?? 'default';
    const match = compileSelector(job.spec?.selector);
    const orphans = this.orphans.get(ns);
    if (orphans && orphans.size > 0 && !job.metadata?.deletionTimestamp) {
      for (const name of [...orphans]) {
        const pod = this.store.get('Pod', ns, name);
        if (!pod || pod.metadata?.deletionTimestamp || this.controllerUid(pod)) continue;
        if (!match(pod.metadata?.labels)) continue;
        const finalizers = [...(pod.metadata?.finalizers ?? [])];
        if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
        this.store.update('Pod', {
          ...pod,
          metadata: {
            ...pod.metadata,
            finalizers,
            ownerReferences: [...(pod.metadata?.ownerReferences ?? []), ownerRef(job)],
          },
        });
      }
    }
    const relabelled = this.relabelled.get(job.metadata!.uid!);
    if (!relabelled) return;
    this.relabelled.delete(job.metadata!.uid!);
    for (const name of relabelled) {
      const pod = this.store.get('Pod', ns, name);
      if (!pod || this.controllerUid(pod) !== job.metadata?.uid) continue;
      if (pod.metadata?.deletionTimestamp || match(pod.metadata?.labels)) continue;
      const refs = (pod.metadata?.ownerReferences ?? []).filter((r) => r.uid !== job.metadata?.uid);
      const md = { ...pod.metadata };
      if (refs.length > 0) md.ownerReferences = refs;
      else delete (md as { ownerReferences?: unknown }).ownerReferences;
      this.store.update('Pod', { ...pod, metadata: md });
    }
  }

  /** The Job's tracked pods in creation order (oldest first). */
  private podsOf(job: Job): Pod[] {
    const set = this.tracked.get(job.metadata!.uid!);
    if (!set) return [];
    const pods = [...set.pods.values()];
    if (set.inCreationOrder) return pods;
    const vt = (t: string | undefined) => this.store.virtualTime(t);
    pods.sort(byCreation(vt));
    // Stored in that order from now on.
    set.pods = new Map(pods.map((p) => [p.metadata!.name!, p]));
    set.lastCreation = pods.length > 0 ? creationOf(pods[pods.length - 1]!, vt) : Number.NEGATIVE_INFINITY;
    set.inCreationOrder = true;
    return pods;
  }

  private syncJob(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const job = this.store.get('Job', ns, name);
    if (!job) {
      this.backoff.delete(key);
      return;
    }
    if (managedByExternal(job)) return;
    if (isJobFinished(job)) {
      this.backoff.delete(key);
      return;
    }
    const mode = job.spec?.completionMode;
    if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
      this.event(
        job,
        'Warning',
        'UnknownCompletionMode',
        'Skipped Job sync because completion mode is unknown',
      );
      return;
    }
    const now = this.engine.now;
    const ts = this.store.timestamp();
    const vt = (t: string | undefined) => this.store.virtualTime(t);
    const spec = job.spec!;
    // Object.assign, not spread: adding keys to a spread copy is slow in V8.
    const status: JobStatus = Object.assign({}, job.status);
    if (!status.uncountedTerminatedPods) status.uncountedTerminatedPods = {};
    const indexed = spec.completionMode === 'Indexed';
    const completions = spec.completions ?? undefined;
    const perIndex = indexed && spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;

    this.claimPods(job);
    const pods = this.podsOf(job);
    const activePods = pods.filter(isPodActive);
    const ctx: SyncCtx = {
      job,
      pods,
      activePods,
      ready: count(activePods, isPodReady),
      terminating: count(pods, isPodTerminating),
      succeeded: 0,
      failed: 0,
      finishedCondition: undefined,
      succeededIndexes: undefined,
      newlySucceededIndexes: undefined,
      failedIndexes: undefined,
      podsWithDelayedDeletionPerIndex: new Map(),
      newBackoff: EMPTY_BACKOFF,
    };
    let active = activePods.length;
    const isValidIndexed = (p: Pod) => {
      if (!indexed) return true;
      const ix = getCompletionIndex(p);
      return ix >= 0 && ix < (completions ?? 0);
    };
    const newSucceeded = pods.filter(
      (p) => hasJobTrackingFinalizer(p) && isValidIndexed(p) && p.status?.phase === 'Succeeded',
    );
    const newFailed = pods.filter(
      (p) => hasJobTrackingFinalizer(p) && isValidIndexed(p) && this.isPodFailed(p, job),
    );
    const nonIgnoredNewFailed = spec.podFailurePolicy
      ? newFailed.filter((p) => matchPodFailurePolicy(spec.podFailurePolicy, p).countFailed).length
      : newFailed.length;
    ctx.succeeded = (status.succeeded ?? 0) + newSucceeded.length;
    ctx.failed = (status.failed ?? 0) + nonIgnoredNewFailed;

    const suspended = spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = ts;
    ctx.newBackoff = newBackoffRecord(this.backoff.get(key) ?? EMPTY_BACKOFF, newSucceeded, newFailed, vt);

    const backoffLimit = spec.backoffLimit ?? 6;
    const exceedsBackoffLimit = ctx.failed > backoffLimit;
    const conditions = status.conditions ?? [];
    const scm = findCondition(conditions, 'SuccessCriteriaMet');
    if (scm && scm.status === 'True') ctx.finishedCondition = scm;
    if (!ctx.finishedCondition) {
      const ft = findCondition(conditions, 'FailureTarget');
      if (ft && ft.status === 'True') {
        ctx.finishedCondition = newCondition('Failed', 'True', ft.reason ?? '', ft.message ?? '', ts);
      } else {
        const msg = this.getFailJobMessage(job, pods);
        if (msg !== undefined)
          ctx.finishedCondition = newCondition('FailureTarget', 'True', 'PodFailurePolicy', msg, ts);
      }
    }
    if (!ctx.finishedCondition) {
      if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, pods)) {
        ctx.finishedCondition = this.failureCondition(
          'BackoffLimitExceeded',
          'Job has reached the specified backoff limit',
          ts,
        );
      } else if (this.pastActiveDeadline(job, status)) {
        ctx.finishedCondition = this.failureCondition(
          'DeadlineExceeded',
          'Job was active longer than specified deadline',
          ts,
        );
      } else if (
        spec.activeDeadlineSeconds !== undefined &&
        spec.activeDeadlineSeconds !== null &&
        !suspended
      ) {
        const start = vt(status.startTime) ?? now;
        this.queue.addAfter(key, spec.activeDeadlineSeconds * 1000 - (now - start));
      }
    }

    if (indexed) {
      const c = completions ?? 0;
      const cacheKey = `${job.metadata!.uid}/completed`;
      const cur = this.indexSet(cacheKey, status.completedIndexes, c);
      const added = new Set<number>();
      for (const p of pods) {
        const ix = getCompletionIndex(p);
        if (
          p.status?.phase === 'Succeeded' &&
          ix >= 0 &&
          ix < c &&
          hasJobTrackingFinalizer(p) &&
          !cur.has(ix)
        ) {
          added.add(ix);
        }
      }
      if (added.size > 0) {
        // The parsed status set grows in place (no copy of thousands of indexes per sync); it no
        // longer matches the status string, so it leaves the cache until this sync stores the
        // set it writes.
        this.indexCache.delete(cacheKey);
        const iv = intervalsOf.get(cur);
        for (const ix of added) {
          cur.add(ix);
          iv?.add(ix);
        }
      }
      ctx.newlySucceededIndexes = added;
      ctx.succeededIndexes = cur;
      ctx.succeeded = cur.size;
      if (perIndex) {
        ctx.failedIndexes = this.calculateFailedIndexes(job, status, pods);
        if (!ctx.finishedCondition) {
          const maxFailed = spec.maxFailedIndexes;
          if (maxFailed !== undefined && maxFailed !== null && ctx.failedIndexes.size > maxFailed) {
            ctx.finishedCondition = this.failureCondition(
              'MaxFailedIndexesExceeded',
              'Job has exceeded the specified maximal number of failed indexes',
              ts,
            );
          } else if (ctx.failedIndexes.size > 0 && ctx.failedIndexes.size + cur.size >= c) {
            ctx.finishedCondition = this.failureCondition('FailedIndexes', 'Job has failed indexes', ts);
          }
        }
        ctx.podsWithDelayedDeletionPerIndex = this.podsWithDelayedDeletionPerIndex(ctx, vt);
      }
      if (!ctx.finishedCondition) {
        const msg = matchSuccessPolicy(spec.successPolicy, c, cur);
        if (msg !== undefined)
          ctx.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', msg, ts);
      }
    }

    let suspendCondChanged = false;
    let newConditions = [...conditions];
    if (ctx.finishedCondition) {
      // deleteActivePods: DELETE keeping finalizers; those pods get counted below.
      for (const p of activePods) {
        if (isPodReady(p)) ctx.ready--;
        this.deletePod(job, p, false);
      }
      active = 0;
      ctx.terminating += activePods.length;
    } else {
      let manageJobCalled = false;
      if (!job.metadata?.deletionTimestamp) {
        active = this.manageJob(job, ctx, key);
        manageJobCalled = true;
      }
      const complete =
        completions === undefined || completions === null
          ? ctx.succeeded > 0 && active === 0
          : ctx.succeeded >= completions && active === 0;
      if (complete) {
        ctx.finishedCondition = newCondition(
          PROFILE.delayTerminalCondition ? 'SuccessCriteriaMet' : 'Complete',
          'True',
          PROFILE.completionsReachedReason,
          PROFILE.completionsReachedMessage,
          ts,
        );
      } else if (manageJobCalled) {
        if (suspended) {
          const [list, changed] = ensureJobConditionStatus(
            newConditions,
            'Suspended',
            'True',
            'JobSuspended',
            'Job suspended',
            ts,
          );
          newConditions = list;
          if (changed) {
            suspendCondChanged = true;
            this.event(job, 'Normal', 'Suspended', 'Job suspended');
          }
        } else {
          const [list, changed] = ensureJobConditionStatus(
            newConditions,
            'Suspended',
            'False',
            'JobResumed',
            'Job resumed',
            ts,
          );
          newConditions = list;
          if (changed) {
            suspendCondChanged = true;
            this.event(job, 'Normal', 'Resumed', 'Job resumed');
            status.startTime = ts;
          }
        }
      }
    }
    status.conditions = newConditions;

    // --- trackJobStatusAndRemoveFinalizers (collapsed) ---
    let needsFlush =
      suspendCondChanged ||
      active !== (job.status?.active ?? 0) ||
      ctx.ready !== job.status?.ready ||
      ctx.terminating !== job.status?.terminating ||
      status.startTime !== job.status?.startTime;
    status.active = active;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;

    const fc = ctx.finishedCondition;
    const finishingFailure = fc !== undefined && fc.type !== 'SuccessCriteriaMet' && fc.type !== 'Complete';
    let addSucceeded = 0;
    let addFailed = 0;
    const newSucceededIndexes: number[] = [];
    const toRemoveFinalizer: Pod[] = [];
    let reachedMax = false;
    // Only pods with the tracking finalizer take part (a stable sort keeps their order).
    const podsForAccounting = indexed ? sortedByIndex(pods.filter(hasJobTrackingFinalizer)) : pods;
    for (const pod of podsForAccounting) {
      if (!hasJobTrackingFinalizer(pod)) continue;
      const considerFailed = this.isPodFailed(pod, job);
      if (!this.canRemoveFinalizer(ctx, pod, considerFailed)) continue;
      toRemoveFinalizer.push(pod);
      if (pod.status?.phase === 'Succeeded') {
        if (indexed) {
          const ix = getCompletionIndex(pod);
          if (
            ix >= 0 &&
            ix < (completions ?? 0) &&
            (!ctx.succeededIndexes!.has(ix) || ctx.newlySucceededIndexes!.has(ix))
          ) {
            newSucceededIndexes.push(ix);
            needsFlush = true;
          }
        } else {
          addSucceeded++;
          needsFlush = true;
        }
      } else if (considerFailed || finishingFailure) {
        const ix = getCompletionIndex(pod);
        if (!indexed || (ix >= 0 && ix < (completions ?? 0))) {
          if (!spec.podFailurePolicy || matchPodFailurePolicy(spec.podFailurePolicy, pod).countFailed) {
            addFailed++;
            needsFlush = true;
          }
        }
      }
      if (newSucceededIndexes.length + addSucceeded + addFailed >= PROFILE.maxUncountedPods) {
        reachedMax = true;
        break;
      }
    }
    status.succeeded = (status.succeeded ?? 0) + addSucceeded;
    status.failed = (status.failed ?? 0) + addFailed;
    if (indexed) {
      // The status' indexes plus the newly counted ones: this sync's succeeded set, less the
      // indexes of succeeded pods whose finalizers stay for a later sync (rare: a cap was hit).
      const cur = ctx.succeededIndexes!;
      const newly = ctx.newlySucceededIndexes!;
      const counted = new Set(newSucceededIndexes);
      let merged = cur;
      if (counted.size !== newly.size) {
        merged = new Set(cur);
        for (const ix of newly) if (!counted.has(ix)) merged.delete(ix);
      }
      const str = formatIndexSetOf(merged, completions ?? 0);
      // The next sync parses what this one writes: keep the set for it.
      this.indexCache.set(`${job.metadata!.uid}/completed`, {
        raw: str,
        completions: completions ?? 0,
        set: merged,
      });
      if (str !== (status.completedIndexes ?? '')) needsFlush = true;
      status.succeeded = merged.size;
      if (str === '') delete status.completedIndexes;
      else status.completedIndexes = str;
      if (ctx.failedIndexes) {
        const f = formatIndexSetOf(ctx.failedIndexes, completions ?? 0);
        this.indexCache.set(`${job.metadata!.uid}/failed`, {
          raw: f,
          completions: completions ?? 0,
          set: new Set(ctx.failedIndexes),
        });
        if (f !== status.failedIndexes) {
          status.failedIndexes = f;
          needsFlush = true;
        }
      }
    }
    if (fc && fc.type === 'FailureTarget') {
      status.conditions = [...status.conditions, fc];
      needsFlush = true;
      ctx.finishedCondition = newCondition('Failed', 'True', fc.reason ?? '', fc.message ?? '', ts);
    }
    if (fc && fc.type === 'SuccessCriteriaMet') {
      if (!findCondition(job.status?.conditions, 'SuccessCriteriaMet')) {
        status.conditions = [...status.conditions, fc];
        needsFlush = true;
      }
      ctx.finishedCondition = newCondition('Complete', 'True', fc.reason ?? '', fc.message ?? '', ts);
    }

    let current: Job = job;
    if (needsFlush) {
      current = this.writeStatus(current, status);
      this.backoff.set(key, ctx.newBackoff);
    }
    for (const p of toRemoveFinalizer) this.removeTrackingFinalizer(p);

    // enactJobFinished
    const finished = !reachedMax && ctx.finishedCondition !== undefined && ctx.terminating === 0;
    if (finished) {
      const f = ctx.finishedCondition!;
      const st: JobStatus = Object.assign({}, current.status);
      const [list] = ensureJobConditionStatus(
        st.conditions ?? [],
        f.type,
        f.status,
        f.reason ?? '',
        f.message ?? '',
        ts,
      );
      st.conditions = list;
      if (f.type === 'Complete') st.completionTime = ts;
      current = this.writeStatus(current, st);
      if (f.type === 'Complete') {
        if (completions !== undefined && completions !== null && (st.succeeded ?? 0) > completions) {
          this.event(
            current,
            'Warning',
            'TooManySucceededPods',
            'Too many succeeded pods running after completion count reached',
          );
        }
        this.event(current, 'Normal', 'Completed', 'Job completed');
      } else {
        this.event(current, 'Warning', f.reason ?? '', f.message ?? '');
      }
    }
  }

  private writeStatus(job: Job, status: JobStatus): Job {
    const cur = this.store.get('Job', job.metadata?.namespace, job.metadata!.name!);
    if (!cur || cur.metadata?.uid !== job.metadata?.uid) return job;
    return this.store.update('Job', { ...cur, status: cleanStatus(status) });
  }

  private failureCondition(reason: string, message: string, ts: string): JobCondition {
    return newCondition(
      PROFILE.delayTerminalCondition ? 'FailureTarget' : 'Failed',
      'True',
      reason,
      message,
      ts,
    );
  }

  private pastActiveDeadline(job: Job, status: JobStatus): boolean {
    const ads = job.spec?.activeDeadlineSeconds;
    if (ads === undefined || ads === null || !status.startTime || job.spec?.suspend === true) return false;
    const start = this.store.virtualTime(status.startTime) ?? 0;
    return this.engine.now - start >= ads * 1000;
  }

  /** `isPodFailed`: phase Failed; or, unless only failed pods are replaced, being deleted and not Succeeded. */
  private isPodFailed(p: Pod, job: Job): boolean {
    if (p.status?.phase === 'Failed') return true;
    if (onlyReplaceFailedPods(job)) return false;
    return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
  }

  private getFailJobMessage(job: Job, pods: readonly Pod[]): string | undefined {
    if (!job.spec?.podFailurePolicy) return undefined;
    for (const p of pods) {
      if (this.isPodFailed(p, job)) {
        const m = matchPodFailurePolicy(job.spec.podFailurePolicy, p).failJobMessage;
        if (m !== undefined) return m;
      }
    }
    return undefined;
  }

  /** `canRemoveFinalizer`. */
  private canRemoveFinalizer(ctx: SyncCtx, pod: Pod, considerFailed: boolean): boolean {
    if (ctx.job.metadata?.deletionTimestamp || ctx.finishedCondition || pod.status?.phase === 'Succeeded')
      return true;
    if (!considerFailed) return false;
    if (ctx.job.spec?.backoffLimitPerIndex !== undefined && ctx.job.spec.backoffLimitPerIndex !== null) {
      const ix = getCompletionIndex(pod);
      if (ix >= 0) {
        const p = ctx.podsWithDelayedDeletionPerIndex.get(ix);
        if (p && p.metadata?.uid === pod.metadata?.uid) return false;
      }
    }
    return true;
  }

  /** Parsed index strings of a Job, kept while the string and completions stay the same. Do not mutate. */
  private indexSet(key: string, s: string | undefined, completions: number): Set<number> {
    const hit = this.indexCache.get(key);
    if (hit && hit.raw === (s ?? '') && hit.completions === completions) return hit.set;
    const sorted = parseIndexSet(s, completions);
    const set = new Set(sorted);
    intervalsOf.set(set, IndexIntervals.of(sorted));
    this.indexCache.set(key, { raw: s ?? '', completions, set });
    return set;
  }

  /** `calculateFailedIndexes`: the status' failed indexes plus indexes failed by tracked pods. */
  private calculateFailedIndexes(job: Job, status: JobStatus, pods: readonly Pod[]): Set<number> {
    const c = job.spec?.completions ?? 0;
    const out = new Set(this.indexSet(`${job.metadata!.uid}/failed`, status.failedIndexes, c));
    const limit = job.spec?.backoffLimitPerIndex ?? 0;
    for (const p of pods) {
      if (!hasJobTrackingFinalizer(p) || !this.isPodFailed(p, job)) continue;
      const ix = getCompletionIndex(p);
      if (ix < 0 || ix >= c) continue;
      if (isIndexFailed(job, p, limit)) out.add(ix);
    }
    return out;
  }

  /**
   * `getPodsWithDelayedDeletionPerIndex`: for each index not succeeded, failed or held by an
   * active pod, the last failed pod (still tracked) whose counts the replacement inherits.
   */
  private podsWithDelayedDeletionPerIndex(
    ctx: SyncCtx,
    vt: (t: string | undefined) => number | undefined,
  ): Map<number, Pod> {
    const out = new Map<number, Pod>();
    const activeIdx = new Set(ctx.activePods.map(getCompletionIndex));
    const c = ctx.job.spec?.completions ?? 0;
    for (const p of ctx.pods) {
      const ix = getCompletionIndex(p);
      if (ix < 0 || ix >= c) continue;
      if (!hasJobTrackingFinalizer(p) || !this.isPodFailed(p, ctx.job)) continue;
      if (ctx.succeededIndexes?.has(ix) || ctx.failedIndexes?.has(ix) || activeIdx.has(ix)) continue;
      // Upstream keeps the later pod when its absolute failure count is not lower and it did not
      // finish earlier; pods are visited in creation order.
      const prev = out.get(ix);
      if (
        !prev ||
        (absoluteFailureCount(prev) <= absoluteFailureCount(p) &&
          podFinishedTime(p, vt) >= podFinishedTime(prev, vt))
      ) {
        out.set(ix, p);
      }
    }
    return out;
  }

  /** `manageJob`: deletes surplus pods or creates missing ones. Returns the new active count. */
  private manageJob(job: Job, ctx: SyncCtx, key: string): number {
    const spec = job.spec!;
    let active = ctx.activePods.length;
    const parallelism = spec.parallelism ?? 1;
    if (spec.suspend === true) {
      const rm = this.activePodsForRemoval(job, ctx.activePods, active);
      for (const p of rm) {
        if (isPodReady(p)) ctx.ready--;
        this.deletePod(job, p, true);
      }
      active -= rm.length;
      ctx.terminating += rm.length;
      return active;
    }
    let wantActive: number;
    const completions = spec.completions;
    if (completions === undefined || completions === null) {
      wantActive = ctx.succeeded > 0 ? active : parallelism;
    } else {
      wantActive = Math.max(0, Math.min(parallelism, completions - ctx.succeeded));
    }
    const rmAtLeast = Math.max(0, active - wantActive);
    let toDelete = this.activePodsForRemoval(job, ctx.activePods, rmAtLeast);
    if (toDelete.length > PROFILE.maxPodCreateDeletePerSync)
      toDelete = toDelete.slice(0, PROFILE.maxPodCreateDeletePerSync);
    if (toDelete.length > 0) {
      for (const p of toDelete) {
        if (isPodReady(p)) ctx.ready--;
        this.deletePod(job, p, true);
      }
      ctx.terminating += toDelete.length;
      return active - toDelete.length;
    }
    const terminating = onlyReplaceFailedPods(job) ? ctx.terminating : 0;
    let diff = wantActive - terminating - active;
    if (diff <= 0) return active;
    const perIndex = spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null;
    if (!perIndex && !this.faults.skipBackoff) {
      const remaining = remainingBackoff(
        ctx.newBackoff.failuresAfterLastSuccess,
        ctx.newBackoff.lastFailureTime,
        this.engine.now,
      );
      if (remaining > 0) {
        this.queue.addAfter(key, Math.max(remaining, PROFILE.syncJobBatchPeriod));
        return active;
      }
    }
    diff = Math.min(diff, PROFILE.maxPodCreateDeletePerSync);
    let indexes: number[] = [];
    const indexed = spec.completionMode === 'Indexed';
    if (indexed) {
      const busy = ctx.pods.filter(
        (p) => isPodActive(p) || (onlyReplaceFailedPods(job) && isPodTerminating(p)),
      );
      indexes = firstPendingIndexes(
        diff,
        completions ?? 0,
        ctx.succeededIndexes ?? new Set(),
        ctx.failedIndexes ?? new Set(),
        busy,
      );
      if (perIndex) {
        const vt = (t: string | undefined) => this.store.virtualTime(t);
        const now: number[] = [];
        let minRemaining: number | undefined;
        for (const ix of indexes) {
          const r = this.faults.skipBackoff
            ? 0
            : remainingBackoffPerIndex(ctx.podsWithDelayedDeletionPerIndex.get(ix), this.engine.now, vt);
          if (r === 0) now.push(ix);
          else if (minRemaining === undefined || r < minRemaining) minRemaining = r;
        }
        if (now.length === 0 && minRemaining !== undefined) {
          this.queue.addAfter(key, Math.max(minRemaining, PROFILE.syncJobBatchPeriod));
          return active;
        }
        indexes = now;
      }
      diff = indexes.length;
    }
    // Slow-start batches of 1, 2, 4, ...: every creation here succeeds, so batches only
    // matter for the order of creations.
    for (let i = 0; i < diff; i++) {
      const ix = indexed ? indexes[i]! : -1;
      this.createPod(job, ix, ctx.podsWithDelayedDeletionPerIndex.get(ix));
      active++;
    }
    return active;
  }

  /** `activePodsForRemoval`. */
  private activePodsForRemoval(job: Job, pods: readonly Pod[], rmAtLeast: number): Pod[] {
    const vt = (t: string | undefined) => this.store.virtualTime(t);
    const rm: Pod[] = [];
    let left: Pod[];
    if (job.spec?.completionMode === 'Indexed') {
      const completions = job.spec.completions ?? 0;
      // Nothing to remove and every index valid and held once: the sort below would find nothing.
      if (rmAtLeast === 0 && indexesUniqueAndValid(pods, completions)) return [];
      left = [];
      // appendDuplicatedIndexPodsForRemoval: sort by index, keep the best pod of each index.
      const sorted = sortedByIndex(pods);
      let i = 0;
      while (i < sorted.length) {
        const ix = getCompletionIndex(sorted[i]!);
        let j = i;
        while (j < sorted.length && getCompletionIndex(sorted[j]!) === ix) j++;
        const group = sorted.slice(i, j);
        if (ix < 0 || ix >= completions) rm.push(...group);
        else {
          group.sort((a, b) => compareActivePods(a, b, vt));
          rm.push(...group.slice(0, group.length - 1));
          left.push(group[group.length - 1]!);
        }
        i = j;
      }
    } else {
      left = [...pods];
    }
    if (rm.length < rmAtLeast) {
      left.sort((a, b) => compareActivePods(a, b, vt));
      rm.push(...left.slice(0, rmAtLeast - rm.length));
    }
    return rm;
  }

  private deletePod(job: Job, pod: Pod, removeFinalizer: boolean): void {
    let cur: Pod | undefined = pod;
    if (removeFinalizer) cur = this.removeTrackingFinalizer(pod);
    if (!cur) return;
    try {
      this.store.delete('Pod', cur.metadata?.namespace, cur.metadata!.name!);
    } catch {
      return;
    }
    this.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${cur.metadata!.name}`);
  }

  private createPod(job: Job, index: number, lastFailed: Pod | undefined): void {
    const tpl = job.spec!.template;
    const md = tpl.metadata ?? {};
    const labels: Record<string, string> = Object.assign({}, md.labels);
    const annotations: Record<string, string> = Object.assign({}, md.annotations);
    let spec: PodSpec = { ...tpl.spec! };
    let generateName = `${job.metadata!.name}-`;
    if (index >= 0) {
      annotations[JOB_COMPLETION_INDEX] = String(index);
      if (PROFILE.podIndexLabel) labels[JOB_COMPLETION_INDEX] = String(index);
      spec = addCompletionIndexEnv(Object.assign({}, spec, { hostname: `${job.metadata!.name}-${index}` }));
      generateName = podGenerateNameWithIndex(job.metadata!.name!, index);
      if (job.spec!.backoffLimitPerIndex !== undefined && job.spec!.backoffLimitPerIndex !== null) {
        let failures = 0;
        let ignored = 0;
        if (lastFailed) {
          failures = indexFailureCount(lastFailed);
          ignored = indexIgnoredFailureCount(lastFailed);
          if (matchPodFailurePolicy(job.spec!.podFailurePolicy, lastFailed).countFailed) failures++;
          else ignored++;
        }
        annotations[JOB_INDEX_FAILURE_COUNT] = String(failures);
        if (ignored > 0) annotations[JOB_INDEX_IGNORED_FAILURE_COUNT] = String(ignored);
      }
    }
    const finalizers = [...(md.finalizers ?? [])];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
    const meta: NonNullable<Pod['metadata']> = {
      generateName,
      namespace: job.metadata?.namespace ?? 'default',
      labels,
      finalizers,
      ownerReferences: [ownerRef(job)],
    };
    if (Object.keys(annotations).length > 0)
      (meta as { annotations?: Record<string, string> }).annotations = annotations;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: meta,
      spec,
      status: { phase: 'Pending' },
    };
    const created = this.store.create('Pod', pod);
    this.event(job, 'Normal', 'SuccessfulCreate', ['Created pod: ', created.metadata!.name].join(''));
  }

  private event(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.store.recordEvent(job, type, reason, message, COMPONENT);
  }
}

/** How many items satisfy `test` (without building the filtered array). */
function count<T>(items: readonly T[], test: (item: T) => boolean): number {
  let n = 0;
  for (let i = 0; i < items.length; i++) if (test(items[i]!)) n++;
  return n;
}

/** The intervals kept alongside a growing succeeded (or parsed) index set. */
const intervalsOf = new WeakMap<ReadonlySet<number>, IndexIntervals>();

/** Formats a set of indexes in [0, completions): sorting when the set is small, scanning otherwise. */
function formatIndexSetOf(set: ReadonlySet<number>, completions: number): string {
  const iv = intervalsOf.get(set);
  if (iv && iv.size === set.size) return iv.toString();
  if (set.size * 16 < completions) return formatIndexSet([...set].sort((a, b) => a - b));
  const sorted: number[] = [];
  for (let i = 0; i < completions; i++) if (set.has(i)) sorted.push(i);
  return formatIndexSet(sorted);
}

/** `metav1.NewControllerRef(job, controllerKind)`. */
function ownerRef(job: Job) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata!.name!,
    uid: job.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

function sameLabels(a: Pod | undefined, b: Pod): boolean {
  const x = a?.metadata?.labels;
  const y = b.metadata?.labels;
  if (x === y) return true;
  return JSON.stringify(x ?? {}) === JSON.stringify(y ?? {});
}

function managedByExternal(job: Job): boolean {
  const m = job.spec?.managedBy;
  return m !== undefined && m !== null && m !== MANAGED_BY_DEFAULT;
}

/** `onlyReplaceFailedPods`: podReplacementPolicy Failed, or a pod failure policy. */
export function onlyReplaceFailedPods(job: Job): boolean {
  if (job.spec?.podReplacementPolicy === 'Failed') return true;
  return !!job.spec?.podFailurePolicy;
}

/**
 * `pastBackoffLimitOnFailure`: OnFailure restart counts of Pending/Running pods reach the limit.
 * Upstream passes every pod of the Job, so terminating pods (still Running) count too.
 */
function pastBackoffLimitOnFailure(job: Job, pods: readonly Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let sum = 0;
  for (const p of pods) {
    const ph = p.status?.phase;
    if (ph !== 'Running' && ph !== 'Pending') continue;
    for (const c of p.status?.initContainerStatuses ?? []) sum += c.restartCount ?? 0;
    for (const c of p.status?.containerStatuses ?? []) sum += c.restartCount ?? 0;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? sum > 0 : sum >= limit;
}

/** `getIndexAbsoluteFailureCount`: counted plus ignored failures of the index. */
function absoluteFailureCount(p: Pod): number {
  return indexFailureCount(p) + indexIgnoredFailureCount(p);
}

/** `isIndexFailed`: FailIndex match, or a counted failure at or over the per-index limit. */
function isIndexFailed(job: Job, pod: Pod, limit: number): boolean {
  const m = matchPodFailurePolicy(job.spec?.podFailurePolicy, pod);
  if (m.action === 'FailIndex') return true;
  if (!m.countFailed) return false;
  return indexFailureCount(pod) >= limit;
}

/** The JOB_COMPLETION_INDEX variable every container of an Indexed pod gets (shared, immutable). */
const COMPLETION_INDEX_ENV = {
  name: 'JOB_COMPLETION_INDEX',
  valueFrom: {
    fieldRef: {
      apiVersion: 'v1',
      fieldPath: PROFILE.podIndexLabel
        ? `metadata.labels['${JOB_COMPLETION_INDEX}']`
        : `metadata.annotations['${JOB_COMPLETION_INDEX}']`,
    },
  },
};

function addCompletionIndexEnv(spec: PodSpec): PodSpec {
  const env = COMPLETION_INDEX_ENV;
  const add = (cs: readonly Container[] | undefined): Container[] | undefined =>
    cs?.map((c) =>
      c.env?.some((e) => e.name === 'JOB_COMPLETION_INDEX')
        ? c
        : Object.assign({}, c, { env: [...(c.env ?? []), env] }),
    );
  const out: PodSpec = { ...spec, containers: add(spec.containers) ?? [] };
  const init = add(spec.initContainers);
  if (init) out.initContainers = init;
  return out;
}

function cleanStatus(s: JobStatus): JobStatus {
  // Copied key by key without the dropped ones (`delete` would make a slow dictionary object).
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(s)) {
    const v = (s as Record<string, unknown>)[k];
    if ((k === 'active' || k === 'succeeded' || k === 'failed') && !v) continue;
    if (k === 'conditions' && Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as JobStatus;
}

function byCreation(vt: (t: string | undefined) => number | undefined) {
  return (a: Pod, b: Pod) => creationOf(a, vt) - creationOf(b, vt) || 0;
}

function creationOf(p: Pod, vt: (t: string | undefined) => number | undefined): number {
  return vt(p.metadata?.creationTimestamp) ?? 0;
}

/** Whether every pod has a valid index below `completions` that no other pod has. */
function indexesUniqueAndValid(pods: readonly Pod[], completions: number): boolean {
  const seen = new Set<number>();
  for (const p of pods) {
    const ix = getCompletionIndex(p);
    if (ix < 0 || ix >= completions || seen.has(ix)) return false;
    seen.add(ix);
  }
  return true;
}

/** Pods by completion index, ties in their order (a stable sort; each index read once). */
function sortedByIndex(pods: readonly Pod[]): Pod[] {
  const ix = pods.map(getCompletionIndex);
  const order = pods.map((_, i) => i);
  order.sort((a, b) => ix[a]! - ix[b]! || a - b);
  return order.map((i) => pods[i]!);
}

export { maxContainerRestarts };
