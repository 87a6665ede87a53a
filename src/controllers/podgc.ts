/**
 * PodGC's terminated-pod threshold (`pkg/controller/podgc/gc_controller.go` gcTerminated):
 * every 20s, when more than `--terminated-pod-gc-threshold` (12500 by default) pods are
 * Succeeded or Failed, the excess is force-deleted, evicted pods first, then oldest first.
 * Pods still held by a finalizer (a Job's tracking finalizer) stay until it is removed.
 */

import type { Pod } from '../api/types.js';
import type { Engine, Timer } from '../engine/engine.js';
import type { Store, WatchEvent } from '../store/store.js';
import { isPodTerminal } from './podutil.js';

/** PodGC `gcCheckPeriod`. */
const GC_CHECK_PERIOD = 20_000;

/** Upstream default of `--terminated-pod-gc-threshold`. */
export const DEFAULT_TERMINATED_POD_GC_THRESHOLD = 12_500;

/**
 * Deletes terminated pods beyond a threshold.
 *
 * @example
 * ```ts
 * new TerminatedPodGC(engine, store, 12_500).start();
 * ```
 */
export class TerminatedPodGC {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly threshold: number;
  /** Terminated pods by uid, in the order they were seen terminated. */
  private readonly terminated = new Map<string, Pod>();
  private timer: Timer | undefined;

  /** `threshold` 0 disables the collection (every finished pod is kept). */
  constructor(engine: Engine, store: Store, threshold: number) {
    this.engine = engine;
    this.store = store;
    this.threshold = threshold;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    if (this.threshold <= 0) return;
    this.store.emitter.on('Pod', (e) => this.onPod(e));
  }

  private onPod(e: WatchEvent<'Pod'>): void {
    const pod = e.object;
    const key = pod.metadata!.uid!;
    if (e.type === 'DELETED' || !isPodTerminal(pod)) {
      this.terminated.delete(key);
      return;
    }
    this.terminated.set(key, pod);
    if (this.terminated.size > this.threshold && (!this.timer || this.timer.done)) {
      // Passes run every gcCheckPeriod from time 0.
      const at = (Math.floor(this.engine.now / GC_CHECK_PERIOD) + 1) * GC_CHECK_PERIOD;
      this.timer = this.engine.at(at, 'podgc terminated', () => this.gcTerminated(), true);
    }
  }

  private gcTerminated(): void {
    const deleteCount = this.terminated.size - this.threshold;
    if (deleteCount <= 0) return;
    const vt = (t: string | undefined) => this.store.virtualTime(t) ?? 0;
    const pods = [...this.terminated.values()].sort((a, b) => {
      const ae = a.status?.reason === 'Evicted';
      const be = b.status?.reason === 'Evicted';
      if (ae !== be) return ae ? -1 : 1;
      const d = vt(a.metadata?.creationTimestamp) - vt(b.metadata?.creationTimestamp);
      if (d !== 0) return d;
      const an = a.metadata?.name ?? '';
      const bn = b.metadata?.name ?? '';
      return an < bn ? -1 : an > bn ? 1 : 0;
    });
    let deleted = 0;
    for (const p of pods) {
      if (deleted >= deleteCount) break;
      deleted++;
      if (p.metadata?.deletionTimestamp) continue;
      try {
        this.store.delete('Pod', p.metadata?.namespace, p.metadata!.name!, { gracePeriodSeconds: 0 });
      } catch {
        // already gone
      }
    }
  }
}
