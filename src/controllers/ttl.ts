/**
 * The TTL-after-finished controller, as upstream
 * `pkg/controller/ttlafterfinished/ttlafterfinished_controller.go` (v1.34): a finished Job
 * (condition Complete or Failed True) with `spec.ttlSecondsAfterFinished` is deleted, with
 * Foreground propagation (its pods go first), once `lastTransitionTime` of that condition plus
 * the TTL has passed. Until then it waits on the work queue; at expiry it reads the Job again so
 * that a TTL changed in the meantime is honoured. Jobs already being deleted are left alone. It
 * records no events.
 */

import type { Job } from '../api/types.js';
import type { Engine } from '../engine/engine.js';
import type { Store } from '../store/store.js';
import { WorkQueue } from './workqueue.js';

const RATE_LIMIT_BASE_MS = 5;
const RATE_LIMIT_MAX_MS = 1_000_000;

/** `needsCleanup`: a TTL is set and the Job is finished. */
export function needsCleanup(job: Job): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && jobFinishCondition(job) !== undefined;
}

function jobFinishCondition(job: Job) {
  return (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/**
 * The TTL-after-finished controller.
 *
 * @example
 * ```ts
 * new TTLAfterFinishedController(sim.engine, sim.store).start();
 * ```
 */
export class TTLAfterFinishedController {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly queue: WorkQueue;
  private readonly failures = new Map<string, number>();

  constructor(engine: Engine, store: Store) {
    this.engine = engine;
    this.store = store;
    this.queue = new WorkQueue(engine, 'ttl-after-finished', (key) => this.processKey(key));
  }

  /** Subscribes to Job additions and updates. */
  start(): void {
    this.store.emitter.on('Job', (e) => {
      if (e.type === 'DELETED') return;
      const job = e.object;
      if (!job.metadata?.deletionTimestamp && needsCleanup(job)) this.queue.add(this.key(job));
    });
  }

  private key(job: Job): string {
    return `${job.metadata?.namespace ?? 'default'}/${job.metadata?.name ?? ''}`;
  }

  private processKey(key: string): void {
    let error: string | undefined;
    try {
      this.processJob(key);
    } catch (e) {
      error = (e as Error).message;
    }
    if (error === undefined) {
      this.failures.delete(key);
      return;
    }
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.queue.addAfter(key, Math.min(RATE_LIMIT_BASE_MS * 2 ** n, RATE_LIMIT_MAX_MS));
  }

  /** `processJob`: deletes the Job when its TTL has truly expired. */
  private processJob(key: string): void {
    const slash = key.indexOf('/');
    const ns = key.slice(0, slash);
    const name = key.slice(slash + 1);
    const job = this.store.get('Job', ns, name);
    if (!job) return;
    if (this.processTTL(key, job) === undefined) return;
    // The TTL may have changed: check the latest Job before deleting.
    const fresh = this.store.get('Job', ns, name);
    if (!fresh) return;
    if (this.processTTL(key, fresh) === undefined) return;
    // DELETE with propagationPolicy Foreground and a UID precondition.
    if (fresh.metadata?.uid !== job.metadata?.uid) return;
    this.store.delete('Job', ns, name, { propagationPolicy: 'Foreground' });
  }

  /**
   * `processTTL`: the expiry time (epoch ms) when the TTL has expired; otherwise requeues the
   * Job for when it will and returns undefined.
   */
  private processTTL(key: string, job: Job): number | undefined {
    if (job.metadata?.deletionTimestamp || !needsCleanup(job)) return undefined;
    const now = this.store.startTime + this.engine.now;
    const c = jobFinishCondition(job)!;
    const finishAt = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : Number.NaN;
    if (Number.isNaN(finishAt)) {
      throw new Error(
        `unable to find the time when the Job ${job.metadata?.namespace}/${job.metadata?.name} finished`,
      );
    }
    const expireAt = finishAt + job.spec!.ttlSecondsAfterFinished! * 1000;
    const remaining = expireAt - now;
    if (remaining <= 0) return expireAt;
    this.queue.addAfter(key, remaining);
    return undefined;
  }
}
