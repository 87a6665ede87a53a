/**
 * The event correlator, ported from client-go `tools/record/events_cache_test.go`
 * (TestEventCorrelator, TestEventSpamFilter). Upstream drives an IntervalClock that ticks on
 * every clock read; here each event gets an explicit virtual time.
 */
import { describe, expect, it } from 'vitest';
import { COMBINED_PREFIX, EventCorrelator, type EventDraft } from '../../../src/store/events.js';

const pod = 'kubelet\u0000node-1\u0000Pod\u0000my-ns\u0000my-pod\u0000uid-1';
const draft = (reason: string, message: string, fieldPath = ''): EventDraft => ({
  spamKey: pod,
  type: 'Normal',
  reason,
  message,
  fieldPath,
});

/** Plays `events` at `interval` ms apart from 0; returns the last correlation and the next time. */
function play(c: EventCorrelator, events: EventDraft[], interval: number) {
  let t = 0;
  let last: ReturnType<EventCorrelator['correlate']> | undefined;
  for (const e of events) {
    last = c.correlate(e, t, `my-pod.${t}`);
    t += interval;
  }
  return { last, t };
}

const times = (n: number, e: EventDraft) => Array.from({ length: n }, () => e);
const similar = (n: number, e: EventDraft) =>
  Array.from({ length: n }, (_, i) => ({ ...e, message: `${e.message}${i}` }));

describe('EventCorrelator (client-go TestEventCorrelator)', () => {
  it('create-a-single-event', () => {
    const r = new EventCorrelator().correlate(draft('first', 'i am first'), 0, 'my-pod.0');
    expect(r).toEqual({ skip: false, message: 'i am first', count: 1, name: 'my-pod.0', first: 0 });
  });

  it('the-same-event-should-just-count', () => {
    const c = new EventCorrelator();
    const { t } = play(c, times(1, draft('duplicate', 'me again')), 5000);
    expect(c.correlate(draft('duplicate', 'me again'), t, 'new')).toMatchObject({
      count: 2,
      name: 'my-pod.0',
      first: 0,
    });
  });

  it('the-same-event-should-just-count-even-if-more-than-aggregate', () => {
    const c = new EventCorrelator();
    const { t } = play(c, times(10, draft('duplicate', 'me again')), 30_000);
    expect(c.correlate(draft('duplicate', 'me again'), t, 'new')).toMatchObject({
      message: 'me again',
      count: 11,
    });
  });

  it('the-same-event-is-spam-if-happens-too-frequently', () => {
    const c = new EventCorrelator();
    const { last, t } = play(c, times(26, draft('duplicate', 'me again')), 1000);
    expect(last).toEqual({ skip: true });
    expect(c.correlate(draft('duplicate', 'me again'), t, 'new')).toEqual({ skip: true });
  });

  it('create-many-unique-events', () => {
    const c = new EventCorrelator();
    // 30 different reasons: nothing to aggregate; the bucket refills 1 token per 300 s.
    const { t } = play(
      c,
      Array.from({ length: 30 }, (_, i) => draft(`unique${i}`, 'snowflake')),
      300_000,
    );
    expect(c.correlate(draft('unique', 'snowflake'), t, 'new')).toMatchObject({
      skip: false,
      message: 'snowflake',
      count: 1,
    });
  });

  it('similar-events-should-aggregate-event', () => {
    const c = new EventCorrelator();
    const e = draft('similar', 'similar message', 'spec.containers{container1}');
    const { t } = play(c, similar(9, e), 5000);
    expect(c.correlate(e, t, 'agg')).toEqual({
      skip: false,
      message: `${COMBINED_PREFIX}similar message`,
      count: 1,
      name: 'agg',
      first: t,
    });
  });

  it('similar-events-many-times-should-count-the-aggregate', () => {
    const c = new EventCorrelator();
    const e = draft('similar', 'similar message', 'spec.containers{container1}');
    const { t } = play(c, similar(10, e), 5000);
    expect(c.correlate(e, t, 'new')).toMatchObject({
      message: `${COMBINED_PREFIX}similar message`,
      count: 2,
      name: 'my-pod.45000',
    });
  });

  it('events-from-different-containers-do-not-aggregate', () => {
    const c = new EventCorrelator();
    play(c, [draft('similar', 'similar message', 'spec.containers{container2}')], 5000);
    expect(
      c.correlate(draft('similar', 'similar message', 'spec.containers{container1}'), 5000, 'new'),
    ).toMatchObject({ message: 'similar message', count: 1, name: 'new' });
  });

  it('similar-events-whose-interval-is-greater-than-aggregate-interval-do-not-aggregate', () => {
    const c = new EventCorrelator();
    const e = draft('similar', 'similar message');
    const { t } = play(c, similar(9, e), 600_001);
    expect(c.correlate(e, t, 'new')).toMatchObject({ message: 'similar message', count: 1 });
  });

  it('aggregates within exactly 600 s (the interval must be exceeded to start afresh)', () => {
    const c = new EventCorrelator();
    const e = draft('similar', 'similar message');
    const { t } = play(c, similar(9, e), 600_000);
    expect(c.correlate(e, t, 'new')).toMatchObject({ message: `${COMBINED_PREFIX}similar message` });
  });
});

describe('EventCorrelator spam filter (client-go TestEventSpamFilter, burst 25, 1 per 300 s)', () => {
  it('drops an event of another reason about the same object once the burst is spent', () => {
    const c = new EventCorrelator({ burst: 1 });
    expect(c.correlate(draft('original', 'i am first'), 0, 'a')).toMatchObject({ skip: false });
    expect(c.correlate(draft('duplicate', 'me again'), 1000, 'b')).toEqual({ skip: true });
  });

  it('refills one token every 300 s', () => {
    const c = new EventCorrelator();
    for (let i = 0; i < 25; i++) expect(c.correlate(draft(`r${i}`, 'm'), 0, `n${i}`).skip).toBe(false);
    expect(c.correlate(draft('r25', 'm'), 299_999, 'x').skip).toBe(true);
    expect(c.correlate(draft('r26', 'm'), 300_000, 'y').skip).toBe(false);
    expect(c.correlate(draft('r27', 'm'), 300_001, 'z').skip).toBe(true);
  });

  it('counts a dropped event: the next one updates (re-creates) the Event with the higher count', () => {
    const c = new EventCorrelator({ burst: 1 });
    expect(c.correlate(draft('other', 'x'), 0, 'a')).toMatchObject({ skip: false });
    expect(c.correlate(draft('r', 'same'), 1000, 'dropped')).toEqual({ skip: true });
    expect(c.correlate(draft('r', 'same'), 301_000, 'later')).toEqual({
      skip: false,
      message: 'same',
      count: 2,
      name: 'dropped',
      first: 1000,
    });
  });

  it('keeps a bucket per source and object', () => {
    const c = new EventCorrelator({ burst: 1 });
    expect(c.correlate(draft('a', 'x'), 0, 'a').skip).toBe(false);
    expect(c.correlate({ ...draft('a', 'x'), spamKey: `${pod}-other` }, 0, 'b').skip).toBe(false);
  });

  it('without aggregation and spam filter (the events.k8s.io recorder) only counts repeats', () => {
    const c = new EventCorrelator({ maxEvents: Number.POSITIVE_INFINITY, burst: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 40; i++)
      expect(c.correlate(draft('r', `m${i}`), 0, `n${i}`)).toMatchObject({ count: 1 });
    expect(c.correlate(draft('r', 'm3'), 0, 'x')).toMatchObject({ count: 2, name: 'n3' });
  });
});

describe('EventCorrelator caches (groupcache lru, 4096 entries)', () => {
  it('forgets the least recently used series first', () => {
    const c = new EventCorrelator({ burst: Number.POSITIVE_INFINITY });
    const at = (i: number) => ({ ...draft('r', 'm'), spamKey: `obj-${i}` });
    c.correlate(at(0), 0, 'a0');
    c.correlate(at(1), 0, 'a1');
    // 4095 more series; touching obj-1 in between keeps it, obj-0 is evicted.
    for (let i = 2; i < 4097; i++) {
      if (i === 2000) expect(c.correlate(at(1), 0, 'x')).toMatchObject({ count: 2 });
      c.correlate(at(i), 0, `a${i}`);
    }
    expect(c.correlate(at(1), 0, 'x')).toMatchObject({ count: 3, name: 'a1' });
    expect(c.correlate(at(0), 0, 'fresh')).toMatchObject({ count: 1, name: 'fresh' });
  });
});
