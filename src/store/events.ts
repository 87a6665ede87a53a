/**
 * client-go's EventCorrelator (`tools/record/events_cache.go`, v1.34): what a component's event
 * recorder does before it writes an Event. Each recorder (one per component and host: the
 * job-controller, each node's kubelet, ...) has its own correlator with three LRU caches of
 * 4096 entries:
 *
 * - aggregation: when the same object gets events of the same type and reason with 10 different
 *   messages within 600 s, the event becomes `(combined from similar events): <message>` and
 *   all such events update one Event;
 * - de-duplication: an event equal to one seen before (same source, object, type, reason,
 *   message) updates the earlier Event (`count` + 1, `lastTimestamp`) instead of creating one;
 * - spam filter: a token bucket per source and object (burst 25, refilled at 1 event per 300 s)
 *   drops the excess. The de-duplication cache counts a dropped event all the same, as upstream.
 */

/** `maxLruCacheEntries`. */
export const EVENT_LRU_ENTRIES = 4096;
/** `defaultAggregateMaxEvents`. */
export const EVENT_AGGREGATE_MAX_EVENTS = 10;
/** `defaultAggregateIntervalInSeconds`, in ms. */
export const EVENT_AGGREGATE_INTERVAL_MS = 600_000;
/** `defaultSpamBurst`. */
export const EVENT_SPAM_BURST = 25;
/** `defaultSpamQPS` (1/300), as the float32 client-go passes to `rate.Limit`. */
export const EVENT_SPAM_QPS = Math.fround(1 / 300);
/** `EventAggregatorByReasonMessageFunc`'s prefix. */
export const COMBINED_PREFIX = '(combined from similar events): ';

interface LruEntry<V> {
  readonly key: string;
  value: V;
  /** Next older entry. */
  older: LruEntry<V> | undefined;
  /** Next newer entry. */
  newer: LruEntry<V> | undefined;
}

/**
 * groupcache's `lru.Cache`: `get` and `add` make an entry the most recent; past `max` entries
 * the least recent goes. A map plus a doubly linked list, so a hit moves two pointers.
 */
class Lru<V> {
  private readonly map = new Map<string, LruEntry<V>>();
  private readonly max: number;
  private newest: LruEntry<V> | undefined;
  private oldest: LruEntry<V> | undefined;

  constructor(max: number) {
    this.max = max;
  }

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    this.touch(e);
    return e.value;
  }

  add(key: string, value: V): void {
    const e = this.map.get(key);
    if (e !== undefined) {
      e.value = value;
      this.touch(e);
      return;
    }
    this.insert(key, value);
  }

  /** Adds a key known to be absent (one map lookup less than {@link add}). */
  insert(key: string, value: V): void {
    const entry: LruEntry<V> = { key, value, older: this.newest, newer: undefined };
    if (this.newest) this.newest.newer = entry;
    this.newest = entry;
    this.oldest ??= entry;
    this.map.set(key, entry);
    if (this.map.size > this.max) {
      const old = this.oldest!;
      this.oldest = old.newer;
      if (this.oldest) this.oldest.older = undefined;
      this.map.delete(old.key);
    }
  }

  private touch(e: LruEntry<V>): void {
    if (e === this.newest) return;
    // Unlink (e has a newer entry, since it is not the newest).
    e.newer!.older = e.older;
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    // Relink as the newest.
    e.older = this.newest;
    e.newer = undefined;
    this.newest!.newer = e;
    this.newest = e;
  }
}

/**
 * golang.org/x/time/rate `Limiter` as `flowcontrol.TokenBucketRateLimiter.TryAccept` uses it: the
 * recorder's spam filter for one source and object (full at first).
 */
export class TokenBucket {
  private tokens = 0;
  /** Virtual ms of the last accepted event; -Infinity: never (the bucket starts full). */
  private last = Number.NEGATIVE_INFINITY;
  private readonly qps: number;
  private readonly burst: number;
  constructor(qps: number = EVENT_SPAM_QPS, burst: number = EVENT_SPAM_BURST) {
    this.qps = qps;
    this.burst = burst;
  }

  /** Whether an event at `now` (virtual ms) would pass, without taking a token. */
  wouldAccept(now: number): boolean {
    return this.tokensAt(now) >= 1;
  }

  /** Takes a token at `now` (virtual ms) if there is one. */
  tryAccept(now: number): boolean {
    const tokens = this.tokensAt(now) - 1;
    if (tokens < 0) return false;
    this.last = now;
    this.tokens = tokens;
    return true;
  }

  private tokensAt(now: number): number {
    const last = Math.min(now, this.last);
    const elapsed = now - last;
    // Duration.Seconds(): whole seconds plus the remainder, in float64.
    const seconds =
      elapsed === Number.POSITIVE_INFINITY
        ? elapsed
        : Math.trunc(elapsed / 1000) + ((elapsed % 1000) * 1e6) / 1e9;
    return Math.min(this.burst, this.tokens + seconds * this.qps);
  }
}

/** An event as a recorder makes it, before correlation. */
export interface EventDraft {
  /**
   * The involved object within this recorder (upstream keys on source, kind, namespace, name,
   * uid and apiVersion; the correlator is per source and a uid names one object): its uid.
   */
  readonly spamKey: string;
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly fieldPath: string;
}

/** What to write for an event: nothing (`skip`), a new Event, or an update of an earlier one. */
export type Correlation =
  | { readonly skip: true }
  | {
      readonly skip: false;
      /** The message to store (prefixed when aggregated). */
      readonly message: string;
      /** `count` to store; above 1 the Event named `name` is updated (or re-created when gone). */
      readonly count: number;
      /** Name of the Event: the draft's new name, or the earlier Event's. */
      readonly name: string;
      /** Virtual ms of the first occurrence. */
      readonly first: number;
    };

interface AggregateRecord {
  /** The distinct messages (`localKeys`): one string until a second one comes. */
  localKeys: string | Set<string> | undefined;
  last: number;
}

interface EventLog {
  count: number;
  readonly first: number;
  readonly name: string;
}

/** The knobs of {@link EventCorrelator}; defaults are client-go's. */
export interface EventCorrelatorOptions {
  /** Similar events before aggregation; Infinity turns aggregation off. */
  readonly maxEvents?: number;
  /** Spam filter burst; Infinity turns the filter off. */
  readonly burst?: number;
}

/** One recorder's EventCorrelator (see the module comment). */
export class EventCorrelator {
  private readonly aggregates = new Lru<AggregateRecord>(EVENT_LRU_ENTRIES);
  private readonly logs = new Lru<EventLog>(EVENT_LRU_ENTRIES);
  private readonly spam = new Lru<TokenBucket>(EVENT_LRU_ENTRIES);
  private readonly maxEvents: number;
  private readonly burst: number;

  constructor(options: EventCorrelatorOptions = {}) {
    this.maxEvents = options.maxEvents ?? EVENT_AGGREGATE_MAX_EVENTS;
    this.burst = options.burst ?? EVENT_SPAM_BURST;
  }

  /**
   * `EventCorrelate` at virtual time `now` (ms) for an event that would be named `newName`, then
   * `UpdateState` for the write that follows (the store's writes do not fail).
   */
  correlate(e: EventDraft, now: number, newName: string): Correlation {
    // EventAggregate: the aggregate key drops the message, which is the local key.
    // Keys are joined into flat strings: they stay in the caches (a concatenation keeps its parts).
    const aggregateKey = [e.spamKey, e.type, e.reason].join('\u0000');
    let message = e.message;
    let key: string | undefined;
    if (this.maxEvents !== Number.POSITIVE_INFINITY) {
      let record = this.aggregates.get(aggregateKey);
      if (record === undefined) {
        record = { localKeys: undefined, last: now };
        this.aggregates.insert(aggregateKey, record);
      } else if (now - record.last > EVENT_AGGREGATE_INTERVAL_MS) {
        record.localKeys = undefined;
      }
      record.last = now;
      if (addLocalKey(record, e.message) >= this.maxEvents) {
        // `PopAny` (Go picks at random; the oldest message here, to stay deterministic).
        const keys = record.localKeys as Set<string>;
        keys.delete(keys.values().next().value as string);
        message = COMBINED_PREFIX + e.message;
        key = aggregateKey;
      }
    }
    const eventKey = [aggregateKey, e.fieldPath, message].join('\u0000');
    key ??= eventKey;
    // eventObserve: an earlier observation under the key makes this an update of its Event. The
    // cache records the observation before the spam filter runs, so a dropped event still counts.
    let log = this.logs.get(key);
    if (log !== undefined) log.count++;
    else {
      log = { count: 1, first: now, name: newName };
      this.logs.insert(key, log);
    }
    if (this.burst !== Number.POSITIVE_INFINITY) {
      let bucket = this.spam.get(e.spamKey);
      if (bucket === undefined) {
        bucket = new TokenBucket(EVENT_SPAM_QPS, this.burst);
        this.spam.insert(e.spamKey, bucket);
      }
      if (!bucket.tryAccept(now)) return { skip: true };
    }
    // UpdateState files the written Event under its own key (differs for aggregated events).
    if (key !== eventKey) this.logs.add(eventKey, { count: log.count, first: log.first, name: log.name });
    return { skip: false, message, count: log.count, name: log.name, first: log.first };
  }
}

/** Adds a message to the record's distinct messages; returns how many there are. */
function addLocalKey(record: AggregateRecord, message: string): number {
  const keys = record.localKeys;
  if (keys === undefined) {
    record.localKeys = message;
    return 1;
  }
  if (typeof keys === 'string') {
    if (keys === message) return 1;
    record.localKeys = new Set([keys, message]);
    return 2;
  }
  keys.add(message);
  return keys.size;
}
