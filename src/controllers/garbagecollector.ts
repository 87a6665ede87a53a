/**
 * The garbage collector, as upstream `pkg/controller/garbagecollector` reduced to what jobsim
 * stores: dependents found by ownerReferences uid. Background: dependents of a deleted owner
 * are deleted; Foreground (`foregroundDeletion` finalizer): dependents with blockOwnerDeletion
 * are deleted first, then the owner's finalizer is removed; Orphan (`orphan` finalizer): the
 * owner reference is removed from dependents, then the finalizer.
 */

import type { Kind, KubeObject } from '../api/types.js';
import type { Engine } from '../engine/engine.js';
import type { Store, WatchEvent } from '../store/store.js';

const DEPENDENT_KINDS: readonly Kind[] = ['Job', 'Pod'];

/**
 * The garbage collector.
 *
 * @example
 * ```ts
 * new GarbageCollector(engine, store).start();
 * ```
 */
export class GarbageCollector {
  private readonly engine: Engine;
  private readonly store: Store;
  /** Owners whose deletion is in progress (uid -> kind/ns/name). */
  private readonly waiting = new Map<string, { kind: Kind; ns: string | undefined; name: string }>();

  constructor(engine: Engine, store: Store) {
    this.engine = engine;
    this.store = store;
  }

  /** Subscribes to the store's watch. */
  start(): void {
    // Every kind that can own or be owned (Events are neither).
    for (const kind of ['Job', 'Pod', 'Node', 'CronJob'] as const) {
      this.store.emitter.on(kind, (e: WatchEvent) => this.onChange(e));
    }
  }

  private onChange(e: WatchEvent): void {
    const obj = e.object;
    const uid = obj.metadata?.uid;
    if (!uid) return;
    if (e.type === 'DELETED') {
      if (this.store.hasDependents(uid))
        this.engine.after(0, 'gc delete dependents', () => this.deleteDependents(uid, false));
      this.waiting.delete(uid);
      // A dependent is gone: maybe its foreground-deleting owner can go now.
      for (const ref of obj.metadata?.ownerReferences ?? []) {
        if (this.waiting.has(ref.uid))
          this.engine.after(0, 'gc owner check', () => this.processOwner(ref.uid));
      }
      return;
    }
    const fin = obj.metadata?.finalizers ?? [];
    if (obj.metadata?.deletionTimestamp && (fin.includes('foregroundDeletion') || fin.includes('orphan'))) {
      if (!this.waiting.has(uid)) {
        this.waiting.set(uid, { kind: e.kind, ns: obj.metadata?.namespace, name: obj.metadata!.name! });
        this.engine.after(0, 'gc owner', () => this.processOwner(uid));
      }
    }
    if (e.type === 'MODIFIED' && obj.metadata?.deletionTimestamp) {
      for (const ref of obj.metadata?.ownerReferences ?? []) {
        if (this.waiting.has(ref.uid))
          this.engine.after(0, 'gc owner check', () => this.processOwner(ref.uid));
      }
    }
  }

  private processOwner(uid: string): void {
    const w = this.waiting.get(uid);
    if (!w) return;
    const owner = this.store.get(w.kind, w.ns, w.name);
    if (!owner || owner.metadata?.uid !== uid) {
      this.waiting.delete(uid);
      return;
    }
    const fin = owner.metadata?.finalizers ?? [];
    if (fin.includes('orphan')) {
      for (const kind of DEPENDENT_KINDS) {
        for (const d of this.store.dependentsOf(kind, uid)) {
          const refs = (d.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
          const md = { ...d.metadata! };
          if (refs.length > 0) md.ownerReferences = refs;
          else delete (md as { ownerReferences?: unknown }).ownerReferences;
          this.store.update(kind, { ...d, metadata: md } as KubeObject as never);
        }
      }
      this.removeFinalizer(owner, w.kind, 'orphan');
      return;
    }
    if (fin.includes('foregroundDeletion')) {
      this.deleteDependents(uid, true);
      const blocking = DEPENDENT_KINDS.some((k) =>
        this.store
          .dependentsOf(k, uid)
          .some((d) => d.metadata?.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion)),
      );
      if (!blocking) this.removeFinalizer(owner, w.kind, 'foregroundDeletion');
    }
  }

  private removeFinalizer(owner: KubeObject, kind: Kind, finalizer: string): void {
    const md = {
      ...owner.metadata!,
      finalizers: (owner.metadata?.finalizers ?? []).filter((f) => f !== finalizer),
    };
    this.store.update(kind, { ...owner, metadata: md } as never);
  }

  private deleteDependents(uid: string, foreground: boolean): void {
    for (const kind of DEPENDENT_KINDS) {
      for (const d of this.store.dependentsOf(kind, uid)) {
        if (d.metadata?.deletionTimestamp && kind === 'Pod') continue;
        if (d.metadata?.deletionTimestamp && !foreground) continue;
        // Only remove this owner's claim when other owners remain.
        const others = (d.metadata?.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (others.some((r) => this.ownerExists(r.kind, d.metadata?.namespace, r.name, r.uid))) continue;
        try {
          this.store.delete(kind, d.metadata?.namespace, d.metadata!.name!, {
            propagationPolicy: foreground ? 'Foreground' : 'Background',
          });
        } catch {
          // already gone
        }
      }
    }
  }

  private ownerExists(kind: string, ns: string | undefined, name: string, uid: string): boolean {
    if (kind !== 'Job' && kind !== 'CronJob' && kind !== 'Pod' && kind !== 'Node') return false;
    const o = this.store.get(kind, ns, name);
    return !!o && o.metadata?.uid === uid;
  }
}
