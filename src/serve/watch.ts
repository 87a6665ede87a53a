/**
 * Watch for `jobsim serve`: a bounded history of store changes keyed by the store's global
 * resourceVersion (so a client can resume from the version of its last list, and gets 410 Gone
 * when that is too old), and watchers that receive the changes matching their kind, namespace
 * and selectors. Delivery never waits for a client: a watcher whose unsent output grows past its
 * limit is dropped, so a slow or vanished client cannot hold the simulation back.
 */
import type { Kind, KubeObject } from '../api/types.js';
import type { Store, WatchEvent } from '../store/store.js';
import type { ObjectFilter } from './selectors.js';

/** A change as a watch delivers it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface HistoryEntry {
  readonly rv: number;
  readonly type: WatchEventType;
  readonly kind: Kind;
  readonly object: KubeObject;
  readonly old: KubeObject | undefined;
}

/** Where a watcher's events go (an HTTP response in the server). */
export interface WatchSink {
  /** Sends one event; returns false when the watcher must be dropped (output backed up). */
  event(type: WatchEventType, object: KubeObject): boolean;
  /** Ends the stream (the watcher is already removed). */
  close(): void;
}

/** What a watcher wants. */
export interface WatchRequest {
  readonly kind: Kind;
  /** Undefined: every namespace. */
  readonly namespace: string | undefined;
  readonly filter: ObjectFilter;
}

/** A registered watcher. */
export interface Watcher extends WatchRequest {
  readonly sink: WatchSink;
}

/** Why a watch cannot start from a resourceVersion. */
export class ResourceVersionTooOld extends Error {
  readonly requested: number;
  readonly oldest: number;
  constructor(requested: number, oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
    this.name = 'ResourceVersionTooOld';
    this.requested = requested;
    this.oldest = oldest;
  }
}

function withRv(o: KubeObject, rv: number): KubeObject {
  if (o.metadata?.resourceVersion === String(rv)) return o;
  return { ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } } as KubeObject;
}

/**
 * The watch hub of one simulation.
 *
 * @example
 * ```ts
 * const hub = new WatchHub(sim.store, { historySize: 10_000 });
 * hub.watch({ kind: 'Pod', namespace: 'default', filter: () => true }, sink, '0');
 * ```
 */
export class WatchHub {
  private readonly store: Store;
  private readonly historySize: number;
  private readonly history: HistoryEntry[] = [];
  private head = 0;
  /** Highest resourceVersion no longer in the history (replay from below it is impossible). */
  private compacted: number;
  private readonly watchers = new Set<Watcher>();
  private readonly listener: (e: WatchEvent) => void;

  constructor(store: Store, options: { historySize?: number } = {}) {
    this.store = store;
    this.historySize = Math.max(1, options.historySize ?? 20_000);
    this.compacted = store.resourceVersion;
    this.listener = (e) => this.onChange(e);
    store.emitter.on('change', this.listener);
  }

  /** Number of open watchers. */
  get size(): number {
    return this.watchers.size;
  }

  /** Stops listening to the store and ends every watcher. */
  close(): void {
    this.store.emitter.off('change', this.listener);
    for (const w of [...this.watchers]) this.drop(w);
  }

  private onChange(e: WatchEvent): void {
    // An added or modified object carries the change's version. For a deletion the object keeps
    // its last one; the store bumps its counter just before it notifies, so that is the delete's.
    const own = Number(e.object.metadata?.resourceVersion);
    const rv = e.type !== 'DELETED' && Number.isInteger(own) ? own : this.store.resourceVersion;
    const entry: HistoryEntry = { rv, type: e.type, kind: e.kind, object: e.object, old: e.old };
    if (this.history.length < this.historySize) this.history.push(entry);
    else {
      this.compacted = this.history[this.head]!.rv;
      this.history[this.head] = entry;
      this.head = (this.head + 1) % this.historySize;
    }
    if (this.watchers.size === 0) return;
    for (const w of [...this.watchers]) this.deliver(w, entry);
  }

  private *entries(): Iterable<HistoryEntry> {
    const n = this.history.length;
    for (let i = 0; i < n; i++) yield this.history[(this.head + i) % n]!;
  }

  private deliver(w: Watcher, e: HistoryEntry): void {
    if (e.kind !== w.kind) return;
    const inNs = (o: KubeObject | undefined) =>
      o !== undefined && (w.namespace === undefined || o.metadata?.namespace === w.namespace);
    const now = inNs(e.object) && w.filter(e.object);
    const before = e.old !== undefined && e.type === 'MODIFIED' && inNs(e.old) && w.filter(e.old);
    let ok = true;
    if (e.type === 'ADDED') {
      if (now) ok = w.sink.event('ADDED', e.object);
    } else if (e.type === 'DELETED') {
      if (now) ok = w.sink.event('DELETED', withRv(e.object, e.rv));
    } else if (now && before) ok = w.sink.event('MODIFIED', e.object);
    else if (now) ok = w.sink.event('ADDED', e.object);
    else if (before) ok = w.sink.event('DELETED', withRv(e.old!, e.rv));
    if (!ok) this.drop(w);
  }

  /**
   * Starts a watch. `resourceVersion` absent or `'0'`: the current matching objects as ADDED
   * first; `'N'`: every change after N (from the history). Returns the watcher, or throws
   * {@link ResourceVersionTooOld} when N is older than the history.
   */
  watch(req: WatchRequest, sink: WatchSink, resourceVersion: string | undefined): Watcher {
    const w: Watcher = { ...req, sink };
    const rv = resourceVersion === undefined || resourceVersion === '' ? 0 : Number(resourceVersion);
    if (!Number.isInteger(rv) || rv < 0) throw new ResourceVersionTooOld(rv, this.compacted + 1);
    if (rv === 0) {
      for (const o of this.current(req)) {
        if (!sink.event('ADDED', o)) {
          sink.close();
          return w;
        }
      }
    } else {
      if (rv < this.compacted) throw new ResourceVersionTooOld(rv, this.compacted + 1);
      this.watchers.add(w);
      for (const e of this.entries()) {
        if (e.rv <= rv) continue;
        this.deliver(w, e);
        if (!this.watchers.has(w)) return w;
      }
      return w;
    }
    this.watchers.add(w);
    return w;
  }

  /** The current objects a request selects, in the API server's list order (namespace, name). */
  current(req: WatchRequest): KubeObject[] {
    const opts: { namespace?: string } = {};
    if (req.namespace !== undefined) opts.namespace = req.namespace;
    const out = this.store.list(req.kind, opts).filter(req.filter) as KubeObject[];
    return sortByKey(out);
  }

  /** Removes a watcher and ends its stream. */
  drop(w: Watcher): void {
    if (!this.watchers.delete(w)) return;
    w.sink.close();
  }

  /** Removes a watcher whose client went away (no close needed). */
  forget(w: Watcher): void {
    this.watchers.delete(w);
  }
}

/** Sorts objects by namespace, then name (etcd key order, as the API server lists). */
export function sortByKey<
  T extends { readonly metadata?: { readonly namespace?: string; readonly name?: string } },
>(objs: T[]): T[] {
  return objs.sort((a, b) => {
    const an = a.metadata?.namespace ?? '';
    const bn = b.metadata?.namespace ?? '';
    if (an !== bn) return an < bn ? -1 : 1;
    const x = a.metadata?.name ?? '';
    const y = b.metadata?.name ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
