import { EventEmitter } from 'eventemitter3';
import { withKey } from '../api/clone.js';
import { compileSelector } from '../api/selector.js';
import type { Event, Kind, KindMap, KubeObject, LabelSelector, ObjectMeta } from '../api/types.js';
import { API_VERSION, NAMESPACED } from '../api/types.js';
import type { Engine } from '../engine/engine.js';
import { uuidV4 } from '../engine/hex.js';
import { EventCorrelator, type EventCorrelatorOptions } from './events.js';

/** A watch notification, as a Kubernetes watch would deliver it. */
export interface WatchEvent<K extends Kind = Kind> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly kind: K;
  /** The object after the change (for DELETED: its last state). */
  readonly object: KindMap[K];
  /** The object before the change (MODIFIED and DELETED). */
  readonly old?: KindMap[K];
  /** Virtual time of the change (ms). */
  readonly time: number;
}

/**
 * Events of the store's emitter: every change on `change`, and each kind's changes on a channel
 * of its own (controllers listen only to the kinds they watch, as informers do).
 */
export interface StoreEvents {
  change: [WatchEvent];
  Job: [WatchEvent<'Job'>];
  Pod: [WatchEvent<'Pod'>];
  Node: [WatchEvent<'Node'>];
  CronJob: [WatchEvent<'CronJob'>];
  Event: [WatchEvent<'Event'>];
}

/** Removes `readonly` from the top level of T. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Stored objects always carry these metadata fields. */
export type Meta = ObjectMeta & { name: string; namespace?: string; uid: string; resourceVersion: string };

/** Options for {@link Store.delete}. */
export interface DeleteOptions {
  /** Background (default), Foreground or Orphan. */
  readonly propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Grace period for pods; defaults to the pod's terminationGracePeriodSeconds (30). */
  readonly gracePeriodSeconds?: number;
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const DEFAULT_NS = 'default';

/** Error raised by the store for a missing object. */
export class StoreNotFound extends Error {
  readonly code = 'NOT_FOUND';
  readonly kind: Kind;
  readonly objectName: string;
  constructor(kind: Kind, name: string) {
    super(`${resourceName(kind)} "${name}" not found`);
    this.name = 'StoreNotFound';
    this.kind = kind;
    this.objectName = name;
  }
}

/** Error raised by the store when a name is taken. */
export class StoreAlreadyExists extends Error {
  readonly code = 'ALREADY_EXISTS';
  constructor(kind: Kind, name: string) {
    super(`${resourceName(kind)} "${name}" already exists`);
    this.name = 'StoreAlreadyExists';
  }
}

/** Resource name as the API server words it in errors (`jobs.batch`, `pods`). */
export function resourceName(kind: Kind): string {
  switch (kind) {
    case 'Job':
      return 'jobs.batch';
    case 'CronJob':
      return 'cronjobs.batch';
    case 'Pod':
      return 'pods';
    case 'Node':
      return 'nodes';
    case 'Event':
      return 'events';
  }
}

/** A component's event recorder: its correlator and the `source` its Events carry (shared). */
interface Recorder {
  readonly correlator: EventCorrelator;
  readonly source: Readonly<NonNullable<Event['source']>>;
}

/**
 * Components that record through the events.k8s.io recorder (`k8s.io/client-go/tools/events`),
 * which has neither the spam filter nor the aggregation of similar events: the scheduler.
 * Identical events still update one Event's count.
 */
const EVENTS_API_COMPONENTS: ReadonlySet<string> = new Set(['default-scheduler']);
const EVENTS_API_CORRELATION: EventCorrelatorOptions = {
  maxEvents: Number.POSITIVE_INFINITY,
  burst: Number.POSITIVE_INFINITY,
};

/**
 * The in-memory API server: objects by kind/namespace/name with uid, resourceVersion,
 * generation and creationTimestamp; label-selector lists; watch notifications; deletion with
 * finalizers and grace periods. Stored objects are never mutated: every write stores a new
 * object, so anything handed out stays valid as history.
 *
 * @example
 * ```ts
 * const store = new Store(new Engine(), { startTime: Date.parse('2026-01-01T00:00:00Z') });
 * store.create('Node', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-0' } });
 * store.get('Node', undefined, 'node-0')?.metadata?.uid;
 * ```
 */
export class Store {
  /** Watch notifications for every change. */
  readonly emitter: EventEmitter<StoreEvents> = new EventEmitter<StoreEvents>();
  /** Wall-clock value (epoch ms) of virtual time 0. */
  readonly startTime: number;
  private readonly engine: Engine;
  private readonly objects: Record<Kind, Map<string, KubeObject>> = {
    Job: new Map(),
    Pod: new Map(),
    Node: new Map(),
    CronJob: new Map(),
    Event: new Map(),
  };
  /** owner uid -> keys (`Kind/ns/name`) of dependents. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly createdByKind: Record<Exclude<Kind, 'Event'>, number> = {
    Job: 0,
    Pod: 0,
    Node: 0,
    CronJob: 0,
  };
  private rv = 0;
  private lastTsSec = Number.NaN;
  private lastTs = '';
  /** Timestamp string -> virtual ms (timestamps repeat: every object of one second shares one). */
  private readonly tsCache = new Map<string, number>();
  private lastEventMs = Number.NaN;
  private lastEventHex = '';
  private lastInvolved: NonNullable<Event['involvedObject']> | undefined;
  private lastInvolvedMd: ObjectMeta | undefined;
  private lastInvolvedFieldPath: string | undefined;
  /** Object name -> how many Events it got this millisecond (each needs its own name). */
  private readonly eventNamesThisMs = new Map<string, number>();
  /** Event recorders by component, then host (one correlator each, as each is its own client). */
  private readonly recorders = new Map<string, Map<string, Recorder>>();
  /** Recorder writes in time order (parallel arrays): when each expires, the Event's key, its lastTimestamp. */
  private eventExpiryAt: number[] = [];
  private eventExpiryKeys: string[] = [];
  private eventExpiryTimestamps: string[] = [];
  private eventExpiryHead = 0;
  /** How long an Event lives after its last update (kube-apiserver `--event-ttl`). */
  readonly eventTtlMs: number;
  /** Mutating admission applied to every create (e.g. pod default tolerations). */
  admit: ((kind: Kind, obj: KubeObject, store: Store) => KubeObject) | undefined;

  constructor(engine: Engine, options: { startTime: number; eventTtlMs?: number }) {
    this.engine = engine;
    this.startTime = options.startTime;
    this.eventTtlMs = options.eventTtlMs ?? 3_600_000;
  }

  /** Current virtual time in ms. */
  now(): number {
    return this.engine.now;
  }

  /** RFC 3339 timestamp (seconds precision, as metav1.Time) of a virtual time (default now). */
  timestamp(virtualMs: number = this.engine.now): string {
    const sec = Math.floor(virtualMs / 1000);
    if (sec === this.lastTsSec) return this.lastTs;
    const ts = rfc3339Seconds(this.startTime + sec * 1000);
    this.lastTsSec = sec;
    this.lastTs = ts;
    this.tsCache.set(ts, sec * 1000);
    return ts;
  }

  /** Virtual ms of an RFC 3339 timestamp written by {@link timestamp}. */
  virtualTime(ts: string | undefined): number | undefined {
    if (!ts) return undefined;
    const hit = this.tsCache.get(ts);
    if (hit !== undefined) return hit;
    const v = Date.parse(ts);
    if (Number.isNaN(v)) return undefined;
    if (this.tsCache.size > 100_000) this.tsCache.clear();
    this.tsCache.set(ts, v - this.startTime);
    return v - this.startTime;
  }

  /** Current resourceVersion of the store (the latest write). */
  get resourceVersion(): number {
    return this.rv;
  }

  private key(ns: string | undefined, name: string): string {
    return ns === undefined ? name : `${ns}/${name}`;
  }

  /** {@link key} as a flat string, for keys that stay in the maps. */
  private storedKey(ns: string | undefined, name: string): string {
    return ns === undefined ? name : [ns, name].join('/');
  }

  /** Gets an object, or undefined. `namespace` is ignored for cluster-scoped kinds. */
  get<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] | undefined {
    const ns = NAMESPACED[kind] ? (namespace ?? DEFAULT_NS) : undefined;
    return this.objects[kind].get(this.key(ns, name)) as KindMap[K] | undefined;
  }

  /**
   * Gets an object by its store key: `namespace/name` for namespaced kinds, `name` otherwise
   * (callers that look one object up often keep its key).
   */
  getByKey<K extends Kind>(kind: K, key: string): KindMap[K] | undefined {
    return this.objects[kind].get(key) as KindMap[K] | undefined;
  }

  /** Gets an object or throws {@link StoreNotFound}. */
  mustGet<K extends Kind>(kind: K, namespace: string | undefined, name: string): KindMap[K] {
    const o = this.get(kind, namespace, name);
    if (!o) throw new StoreNotFound(kind, name);
    return o;
  }

  /** Number of stored objects of a kind. */
  count(kind: Kind): number {
    return this.objects[kind].size;
  }

  /** Number of objects of a kind created so far (deleted ones included; not Events). */
  createdCount(kind: Exclude<Kind, 'Event'>): number {
    return this.createdByKind[kind];
  }

  /** Lists objects of a kind in insertion order, optionally by namespace and label selector. */
  list<K extends Kind>(
    kind: K,
    options: { namespace?: string; selector?: LabelSelector; filter?: (o: KindMap[K]) => boolean } = {},
  ): KindMap[K][] {
    if (kind === 'Event') this.expireEvents();
    const out: KindMap[K][] = [];
    const match = options.selector ? compileSelector(options.selector) : undefined;
    for (const o of this.objects[kind].values()) {
      const obj = o as KindMap[K];
      const md = obj.metadata!;
      if (options.namespace !== undefined && NAMESPACED[kind] && md.namespace !== options.namespace) continue;
      if (match && !match(md.labels)) continue;
      if (options.filter && !options.filter(obj)) continue;
      out.push(obj);
    }
    return out;
  }

  /** Objects of `kind` whose ownerReferences name `ownerUid`. */
  dependentsOf<K extends Kind>(kind: K, ownerUid: string): KindMap[K][] {
    const keys = this.dependents.get(ownerUid);
    if (!keys) return [];
    const out: KindMap[K][] = [];
    const prefix = `${kind}/`;
    for (const k of keys) {
      if (!k.startsWith(prefix)) continue;
      const o = this.objects[kind].get(k.slice(prefix.length));
      if (o) out.push(o as KindMap[K]);
    }
    return out;
  }

  /** Owner uids that have dependents recorded. */
  hasDependents(ownerUid: string): boolean {
    const s = this.dependents.get(ownerUid);
    return s !== undefined && s.size > 0;
  }

  /** A random lower-case uid, from the seeded `uids` stream. */
  newUid(): string {
    // A version-4 UUID from four draws of the seeded `uids` stream.
    const r = this.engine.random.get('uids');
    const a = r.nextU32();
    const b = r.nextU32();
    const c = r.nextU32();
    const d = r.nextU32();
    return uuidV4(a, b, c, d);
  }

  /** The API server's generateName suffix: 5 characters from the seeded `names` stream. */
  generateSuffix(): string {
    const r = this.engine.random.get('names');
    let s = '';
    for (let i = 0; i < 5; i++) s += GENERATE_ALPHABET[r.intBelow(GENERATE_ALPHABET.length)];
    return s;
  }

  /**
   * Creates an object: fills uid, resourceVersion, generation (1), creationTimestamp and the
   * namespace; honours `generateName` (base cut to 58 characters).
   * @throws StoreAlreadyExists when the name is taken.
   */
  create<K extends Kind>(kind: K, obj: KindMap[K]): KindMap[K] {
    // Object.assign, not spread: V8 makes adding keys to a spread copy slow (~0.6 µs a key).
    const md = Object.assign({}, obj.metadata) as Mutable<ObjectMeta>;
    if (!md.name && md.generateName) {
      const base = md.generateName.length > 58 ? md.generateName.slice(0, 58) : md.generateName;
      let name = base + this.generateSuffix();
      while (this.get(kind, md.namespace, name)) name = base + this.generateSuffix();
      md.name = name;
    }
    const name = md.name!;
    if (NAMESPACED[kind]) md.namespace = md.namespace ?? DEFAULT_NS;
    else if (md.namespace !== undefined) delete md.namespace;
    const k = this.storedKey(md.namespace, name);
    if (this.objects[kind].has(k)) throw new StoreAlreadyExists(kind, name);
    md.uid = md.uid ?? this.newUid();
    md.resourceVersion = String(++this.rv);
    md.creationTimestamp = this.timestamp();
    if (kind === 'Job' || kind === 'CronJob') md.generation = 1;
    else if (md.generation !== undefined) delete md.generation;
    let stored = shaped(obj, obj.apiVersion ?? API_VERSION[kind], kind, md) as KindMap[K];
    if (this.admit) {
      const admitted = this.admit(kind, stored, this);
      stored = shaped(admitted, admitted.apiVersion!, kind, admitted.metadata!) as KindMap[K];
    }
    this.objects[kind].set(k, stored);
    if (kind !== 'Event') this.createdByKind[kind as Exclude<Kind, 'Event'>]++;
    this.indexOwners(kind, k, undefined, stored);
    this.emit({ type: 'ADDED', kind, object: stored, time: this.engine.now });
    return stored;
  }

  /**
   * Replaces an object (same kind/namespace/name) with `next`. Bumps resourceVersion; bumps
   * generation when `spec` changed (Jobs, CronJobs). With `noopCheck`, a write that changes
   * nothing is a no-op and returns the stored object (as the API server does for client
   * writes; controllers skip the check on the hot path). Removes the object when it is being
   * deleted and its last finalizer went away.
   */
  update<K extends Kind>(kind: K, next: KindMap[K], options: { noopCheck?: boolean } = {}): KindMap[K] {
    const md = next.metadata!;
    const ns = NAMESPACED[kind] ? (md.namespace ?? DEFAULT_NS) : undefined;
    const k = this.key(ns, md.name!);
    const old = this.objects[kind].get(k) as KindMap[K] | undefined;
    if (!old) throw new StoreNotFound(kind, md.name!);
    if (old === next) return old;
    const oldMd = old.metadata as Meta;
    let newMd: Mutable<ObjectMeta>;
    if (md === oldMd) {
      // A write of another part (status, spec): only the resourceVersion changes here.
      // Object.assign: metadata objects come in many shapes, which makes spread slow here.
      newMd = Object.assign({}, oldMd);
      newMd.resourceVersion = String(this.rv + 1);
    } else {
      newMd = Object.assign({}, md, {
        name: oldMd.name,
        uid: oldMd.uid,
        creationTimestamp: oldMd.creationTimestamp!,
        resourceVersion: String(this.rv + 1),
      });
      if (ns !== undefined) newMd.namespace = ns;
      if (oldMd.deletionTimestamp) newMd.deletionTimestamp = oldMd.deletionTimestamp;
      if (oldMd.deletionGracePeriodSeconds !== undefined)
        newMd.deletionGracePeriodSeconds = oldMd.deletionGracePeriodSeconds;
    }
    if (kind === 'Job' || kind === 'CronJob') {
      const os = (old as { spec?: unknown }).spec;
      const ns2 = (next as { spec?: unknown }).spec;
      const specChanged = os !== ns2 && JSON.stringify(os) !== JSON.stringify(ns2);
      newMd.generation = (oldMd.generation ?? 1) + (specChanged ? 1 : 0);
    }
    const stored = shaped(next, old.apiVersion!, kind, newMd) as KindMap[K];
    if (options.noopCheck && equalIgnoringRv(old, stored)) return old;
    this.rv++;
    this.objects[kind].set(k, stored);
    this.indexOwners(kind, k, old, stored);
    this.emit({ type: 'MODIFIED', kind, object: stored, old, time: this.engine.now });
    if (newMd.deletionTimestamp && (newMd.finalizers ?? []).length === 0) {
      if (kind !== 'Pod' || (newMd.deletionGracePeriodSeconds ?? 0) === 0) this.remove(kind, k, stored);
    }
    return stored;
  }

  /** Applies `fn` to the current object and stores the result (see {@link update}). */
  modify<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    fn: (current: KindMap[K]) => KindMap[K],
  ): KindMap[K] {
    const cur = this.mustGet(kind, namespace, name);
    return this.update(kind, fn(cur));
  }

  /**
   * Deletes an object as the API server does. Pods that are bound and not terminal get a grace
   * period (deletionTimestamp = now + grace); the kubelet finishes the deletion. Objects with
   * finalizers stay, with a deletionTimestamp, until their finalizers are removed. Foreground
   * and Orphan propagation add the `foregroundDeletion` / `orphan` finalizer for the garbage
   * collector. Returns the object as it is after the call (undefined when it is gone).
   * @throws StoreNotFound when the object does not exist.
   */
  delete<K extends Kind>(
    kind: K,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KindMap[K] | undefined {
    const cur = this.mustGet(kind, namespace, name);
    const md = cur.metadata as Meta;
    const k = this.key(md.namespace, md.name);
    let grace = 0;
    if (kind === 'Pod') {
      const pod = cur as KindMap['Pod'];
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      grace =
        !pod.spec?.nodeName || terminal
          ? 0
          : (options.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30);
      if (md.deletionTimestamp) {
        // A second delete may only shorten the grace period.
        const prev = md.deletionGracePeriodSeconds ?? 0;
        if (grace >= prev) return cur;
      }
    }
    const finalizers = [...(md.finalizers ?? [])];
    const policy = options.propagationPolicy ?? 'Background';
    if (kind !== 'Pod' && kind !== 'Event' && !md.deletionTimestamp) {
      if (policy === 'Foreground' && this.hasDependents(md.uid)) finalizers.push('foregroundDeletion');
      if (policy === 'Orphan' && this.hasDependents(md.uid)) finalizers.push('orphan');
    }
    if (finalizers.length === 0 && grace === 0) {
      this.remove(kind, k, cur);
      return undefined;
    }
    const now = this.engine.now;
    const newMd: Mutable<ObjectMeta> = withKey(
      {
        ...md,
        finalizers,
        resourceVersion: String(++this.rv),
        deletionTimestamp: md.deletionTimestamp ?? this.timestamp(now + grace * 1000),
        deletionGracePeriodSeconds: grace,
      },
      'finalizers',
      finalizers.length > 0 ? finalizers : undefined,
    );
    if (md.deletionTimestamp && kind === 'Pod') newMd.deletionTimestamp = this.timestamp(now + grace * 1000);
    const stored = shaped(cur, cur.apiVersion!, kind, newMd) as KindMap[K];
    this.objects[kind].set(k, stored);
    this.emit({ type: 'MODIFIED', kind, object: stored, old: cur, time: now });
    if (finalizers.length === 0 && grace === 0) {
      this.remove(kind, k, stored);
      return undefined;
    }
    return stored;
  }

  private remove(kind: Kind, k: string, obj: KubeObject): void {
    this.objects[kind].delete(k);
    this.indexOwners(kind, k, obj, undefined);
    this.rv++;
    this.emit({ type: 'DELETED', kind, object: obj, old: obj, time: this.engine.now });
  }

  private indexOwners(kind: Kind, k: string, old: KubeObject | undefined, cur: KubeObject | undefined): void {
    const oldRefs = old?.metadata?.ownerReferences;
    const newRefs = cur?.metadata?.ownerReferences;
    if (oldRefs === newRefs) return;
    const full = [kind, k].join('/');
    for (const r of oldRefs ?? []) {
      if (newRefs?.some((n) => n.uid === r.uid)) continue;
      const s = this.dependents.get(r.uid);
      if (s) {
        s.delete(full);
        if (s.size === 0) this.dependents.delete(r.uid);
      }
    }
    for (const r of newRefs ?? []) {
      let s = this.dependents.get(r.uid);
      if (!s) {
        s = new Set();
        this.dependents.set(r.uid, s);
      }
      s.add(full);
    }
  }

  private emit(e: WatchEvent): void {
    this.emitter.emit('change', e);
    (this.emitter.emit as (k: Kind, e: WatchEvent) => boolean).call(this.emitter, e.kind, e);
  }

  /**
   * Records a Kubernetes Event about `involved` as a component's client-go recorder does: through
   * that recorder's {@link EventCorrelator} (repeats update one Event with a growing `count`,
   * similar events are combined, a spam filter drops the excess), so the result is a new Event,
   * an updated one, or nothing (undefined).
   */
  recordEvent(
    involved: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    component: string,
    host?: string,
    fieldPath?: string,
  ): Event | undefined {
    const md = involved.metadata as Meta;
    const ns = md.namespace ?? DEFAULT_NS;
    const now = this.engine.now;
    this.expireEvents();
    const recorder = this.recorder(component, host);
    const c = recorder.correlator.correlate(
      {
        spamKey: md.uid ?? `${involved.kind}/${ns}/${md.name}`,
        type,
        reason,
        message,
        fieldPath: fieldPath ?? '',
      },
      now,
      this.newEventName(md.name),
    );
    if (c.skip) return undefined;
    const ts = this.timestamp();
    const k = this.storedKey(ns, c.name);
    const existing = c.count > 1 ? (this.objects.Event.get(k) as Event | undefined) : undefined;
    let ev: Event;
    if (existing) {
      ev = this.update('Event', { ...existing, count: c.count, message: c.message, lastTimestamp: ts });
    } else {
      // A new Event, or one re-created under its old name after it expired.
      ev = this.createEvent(involved, k, ns, c.name, type, reason, c.message, recorder.source, fieldPath, {
        count: c.count,
        firstTimestamp: this.timestamp(c.first),
        lastTimestamp: ts,
      });
    }
    this.eventExpiryAt.push(now + this.eventTtlMs);
    this.eventExpiryKeys.push(k);
    this.eventExpiryTimestamps.push(ts);
    return ev;
  }

  /** The event recorder of a component (on a host): its correlator and its `source`. */
  private recorder(component: string, host: string | undefined): Recorder {
    let byHost = this.recorders.get(component);
    if (!byHost) {
      byHost = new Map();
      this.recorders.set(component, byHost);
    }
    const h = host ?? '';
    let r = byHost.get(h);
    if (!r) {
      const source: NonNullable<Event['source']> = { component };
      if (host) source.host = host;
      r = {
        correlator: new EventCorrelator(EVENTS_API_COMPONENTS.has(component) ? EVENTS_API_CORRELATION : {}),
        source,
      };
      byHost.set(h, r);
    }
    return r;
  }

  /**
   * `<object>.<unix nanoseconds in hex>`, as upstream names Events; the n-th name of one object
   * within one millisecond adds n nanoseconds (a counter per object keeps thousands of
   * creations in one sync linear).
   */
  private newEventName(object: string | undefined): string {
    const ms = this.startTime + this.engine.now;
    if (ms !== this.lastEventMs) {
      this.lastEventMs = ms;
      this.lastEventHex = (BigInt(ms) * 1000000n).toString(16);
      this.eventNamesThisMs.clear();
    }
    // Counted per object name across namespaces: names only need to differ within one.
    const base = object ?? '';
    const n = this.eventNamesThisMs.get(base) ?? 0;
    this.eventNamesThisMs.set(base, n + 1);
    // Joined: one flat string (names live as long as their Events).
    return [object, '.', n === 0 ? this.lastEventHex : (BigInt(ms) * 1000000n + BigInt(n)).toString(16)].join(
      '',
    );
  }

  private createEvent(
    involved: KubeObject,
    key: string,
    ns: string,
    name: string,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    source: NonNullable<Event['source']>,
    fieldPath: string | undefined,
    times: { count: number; firstTimestamp: string; lastTimestamp: string },
  ): Event {
    const md = involved.metadata as Meta;
    // Events in a row about one version of one object share their (immutable) involvedObject.
    let involvedObject = this.lastInvolved;
    if (
      involvedObject === undefined ||
      this.lastInvolvedMd !== md ||
      this.lastInvolvedFieldPath !== fieldPath
    ) {
      // Built without `delete`, which would turn these objects into slow dictionaries.
      involvedObject = NAMESPACED[involved.kind as Kind]
        ? {
            kind: involved.kind!,
            namespace: md.namespace ?? ns,
            name: md.name,
            uid: md.uid,
            apiVersion: involved.apiVersion!,
            resourceVersion: md.resourceVersion,
          }
        : {
            kind: involved.kind!,
            name: md.name,
            uid: md.uid,
            apiVersion: involved.apiVersion!,
            resourceVersion: md.resourceVersion,
          };
      if (fieldPath) involvedObject.fieldPath = fieldPath;
      this.lastInvolved = involvedObject;
      this.lastInvolvedMd = md;
      this.lastInvolvedFieldPath = fieldPath;
    }
    // Stored directly (the generic create's copies and checks are not needed for an object
    // built here): Events are the most frequent write.
    const metadata: Mutable<ObjectMeta> = {
      name,
      namespace: ns,
      uid: this.newUid(),
      resourceVersion: String(++this.rv),
      creationTimestamp: times.lastTimestamp,
    };
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject,
      reason,
      message,
      source,
      firstTimestamp: times.firstTimestamp,
      lastTimestamp: times.lastTimestamp,
      count: times.count,
      type,
      eventTime: null as unknown as string,
      reportingComponent: source.component!,
      reportingInstance: source.host ?? '',
    };
    this.objects.Event.set(key, ev);
    this.emit({ type: 'ADDED', kind: 'Event', object: ev, time: this.engine.now });
    return ev;
  }

  /**
   * Deletes Events whose last update is older than the event TTL (kube-apiserver
   * `--event-ttl`, 1h by default), as etcd leases do. Runs lazily, when events are recorded or
   * listed.
   */
  expireEvents(): void {
    const at = this.eventExpiryAt;
    const now = this.engine.now;
    let i = this.eventExpiryHead;
    while (i < at.length && at[i]! <= now) {
      const k = this.eventExpiryKeys[i]!;
      const lastTimestamp = this.eventExpiryTimestamps[i]!;
      i++;
      const ev = this.objects.Event.get(k) as Event | undefined;
      // Updated (or re-created) since: a later entry expires it.
      if (!ev || ev.lastTimestamp !== lastTimestamp) continue;
      this.remove('Event', k, ev);
    }
    if (i > 4096 && i * 2 > at.length) {
      this.eventExpiryAt = at.slice(i);
      this.eventExpiryKeys = this.eventExpiryKeys.slice(i);
      this.eventExpiryTimestamps = this.eventExpiryTimestamps.slice(i);
      i = 0;
    }
    this.eventExpiryHead = i;
  }
}

/**
 * A stored object with `apiVersion`, `kind`, `metadata`, `spec`, `status` in that order when it
 * has exactly those fields (every Pod, and Jobs, Nodes and CronJobs once they have a status): one
 * hidden class per kind, so the code that reads stored objects stays monomorphic. Anything else
 * (Events, objects without a status) is copied as it is.
 */
function shaped(obj: KubeObject, apiVersion: string, kind: Kind, metadata: ObjectMeta): KubeObject {
  const o = obj as { spec?: unknown; status?: unknown };
  if (kind !== 'Event' && o.spec !== undefined && o.status !== undefined && plainKeys(obj)) {
    return { apiVersion, kind, metadata, spec: o.spec, status: o.status } as KubeObject;
  }
  return { ...obj, apiVersion, kind, metadata } as KubeObject;
}

/** Whether the object's own keys are among apiVersion, kind, metadata, spec and status. */
function plainKeys(obj: object): boolean {
  let n = 0;
  for (const k in obj) {
    if (k !== 'apiVersion' && k !== 'kind' && k !== 'metadata' && k !== 'spec' && k !== 'status')
      return false;
    n++;
  }
  return n <= 5;
}

function equalIgnoringRv(a: KubeObject, b: KubeObject): boolean {
  const am = a.metadata!;
  const bm = b.metadata!;
  if (am.generation !== bm.generation) return false;
  const strip = (o: KubeObject, m: ObjectMeta) =>
    JSON.stringify({ ...o, metadata: { ...m, resourceVersion: '' } });
  return strip(a, am) === strip(b, bm);
}

const dayCache = new Map<number, string>();
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Epoch second -> its timestamp: every object of one second (in any simulation) shares one string. */
const secondCache = new Map<number, string>();

/** `YYYY-MM-DDTHH:MM:SSZ` of an epoch time (whole seconds), without a Date per call. */
function rfc3339Seconds(epochMs: number): string {
  const totalSec = Math.floor(epochMs / 1000);
  const hit = secondCache.get(totalSec);
  if (hit !== undefined) return hit;
  const day = Math.floor(totalSec / 86_400);
  let date = dayCache.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dayCache.size > 10_000) dayCache.clear();
    dayCache.set(day, date);
  }
  const s = totalSec - day * 86_400;
  // Joined: one flat string (timestamps live in every object).
  const ts = [
    date,
    'T',
    two(Math.floor(s / 3600)),
    ':',
    two(Math.floor((s % 3600) / 60)),
    ':',
    two(s % 60),
    'Z',
  ].join('');
  if (secondCache.size > 100_000) secondCache.clear();
  secondCache.set(totalSec, ts);
  return ts;
}
