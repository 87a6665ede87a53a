import { describe, expect, it } from 'vitest';
import type { Job, Pod } from '../../../src/api/types.js';
import { Engine } from '../../../src/engine/engine.js';
import { Store, type WatchEvent } from '../../../src/store/store.js';

function setup() {
  const engine = new Engine({ seed: 1 });
  const store = new Store(engine, { startTime: Date.parse('2026-01-01T00:00:00Z') });
  const events: WatchEvent[] = [];
  store.emitter.on('change', (e) => events.push(e));
  return { engine, store, events };
}

const pod = (name: string, extra: Partial<Pod> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'x' } },
  spec: { containers: [{ name: 'c', image: 'busybox' }] },
  ...extra,
});

describe('Store', () => {
  it('fills uid, resourceVersion, creationTimestamp and namespace on create', () => {
    const { store, engine } = setup();
    engine.runUntil(61_500);
    const p = store.create('Pod', pod('a'));
    expect(p.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.metadata?.resourceVersion).toBe('1');
    expect(p.metadata?.creationTimestamp).toBe('2026-01-01T00:01:01Z');
    expect(p.metadata?.namespace).toBe('default');
  });

  it('bumps resourceVersion on every write, and generation only on spec changes', () => {
    const { store } = setup();
    const job = store.create('Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j' },
      spec: { template: { spec: { containers: [] } } },
    } as Job);
    expect(job.metadata?.generation).toBe(1);
    const s = store.update('Job', { ...job, status: { active: 1 } });
    expect(Number(s.metadata?.resourceVersion)).toBeGreaterThan(Number(job.metadata?.resourceVersion));
    expect(s.metadata?.generation).toBe(1);
    const s2 = store.update('Job', { ...s, spec: { ...s.spec!, parallelism: 3 } });
    expect(s2.metadata?.generation).toBe(2);
  });

  it('never mutates stored objects: old versions stay valid', () => {
    const { store } = setup();
    const a = store.create('Pod', pod('a'));
    const b = store.update('Pod', { ...a, status: { phase: 'Running' } });
    expect(a.status).toBeUndefined();
    expect(b.status?.phase).toBe('Running');
    expect(store.get('Pod', 'default', 'a')).toBe(b);
  });

  it('delivers ADDED, MODIFIED and DELETED watch events in order', () => {
    const { store, events } = setup();
    const a = store.create('Pod', pod('a'));
    store.update('Pod', { ...a, status: { phase: 'Pending' } });
    store.delete('Pod', 'default', 'a');
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    expect(events[1]?.old).toBe(a);
  });

  it('generates names with the upstream alphabet from the seeded stream', () => {
    const a = setup().store.create('Pod', { ...pod(''), metadata: { generateName: 'pi-' } });
    const b = setup().store.create('Pod', { ...pod(''), metadata: { generateName: 'pi-' } });
    expect(a.metadata?.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(a.metadata?.name).toBe(b.metadata?.name);
  });

  it('lists by label selector', () => {
    const { store } = setup();
    store.create('Pod', pod('a'));
    store.create('Pod', { ...pod('b'), metadata: { name: 'b', labels: { app: 'y' } } });
    expect(
      store.list('Pod', { selector: { matchLabels: { app: 'y' } } }).map((p) => p.metadata?.name),
    ).toEqual(['b']);
  });

  it('keeps an object with finalizers until they are removed', () => {
    const { store, events } = setup();
    const a = store.create('Pod', { ...pod('a'), metadata: { name: 'a', finalizers: ['x/y'] } });
    const d = store.delete('Pod', 'default', 'a');
    expect(d?.metadata?.deletionTimestamp).toBeDefined();
    expect(store.get('Pod', 'default', 'a')).toBeDefined();
    store.update('Pod', { ...d!, metadata: { ...d!.metadata, finalizers: [] } });
    expect(store.get('Pod', 'default', 'a')).toBeUndefined();
    expect(events.at(-1)?.type).toBe('DELETED');
    void a;
  });

  it('gives a bound running pod a grace period on delete', () => {
    const { store } = setup();
    store.create('Pod', {
      ...pod('a'),
      spec: { nodeName: 'n', containers: [{ name: 'c' }] },
      status: { phase: 'Running' },
    });
    const d = store.delete('Pod', 'default', 'a');
    expect(d?.metadata?.deletionGracePeriodSeconds).toBe(30);
    expect(d?.metadata?.deletionTimestamp).toBe('2026-01-01T00:00:30Z');
  });

  it('aggregates repeated events into a count', () => {
    const { store, engine } = setup();
    const a = store.create('Pod', pod('a'));
    store.recordEvent(a, 'Warning', 'BackOff', 'm', 'kubelet');
    engine.runUntil(5000);
    const e = store.recordEvent(a, 'Warning', 'BackOff', 'm', 'kubelet');
    expect(e?.count).toBe(2);
    expect(e?.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(e?.lastTimestamp).toBe('2026-01-01T00:00:05Z');
    expect(store.count('Event')).toBe(1);
  });
});

describe('Event recorder (client-go EventCorrelator)', () => {
  it('combines the 10th different message of one reason within 600 s into one Event', () => {
    const { store, engine } = setup();
    const job = store.create('Job', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } } as Job);
    for (let i = 0; i < 12; i++) {
      store.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: j-${i}`, 'job-controller');
      engine.runUntil((i + 1) * 1000);
    }
    const events = store.list('Event');
    expect(events).toHaveLength(10);
    expect(events.slice(0, 9).map((e) => e.message)).toEqual(
      Array.from({ length: 9 }, (_, i) => `Created pod: j-${i}`),
    );
    expect(events[9]).toMatchObject({
      message: '(combined from similar events): Created pod: j-11',
      count: 3,
      firstTimestamp: '2026-01-01T00:00:09Z',
      lastTimestamp: '2026-01-01T00:00:11Z',
    });
  });

  it('drops events about one object beyond a burst of 25 (one more every 300 s)', () => {
    const { store, engine } = setup();
    const a = store.create('Pod', pod('a'));
    for (let i = 0; i < 30; i++) store.recordEvent(a, 'Normal', `R${i}`, 'm', 'kubelet', 'node-1');
    expect(store.count('Event')).toBe(25);
    // another node's kubelet is another recorder with its own bucket
    expect(store.recordEvent(a, 'Normal', 'R', 'm', 'kubelet', 'node-2')).toBeDefined();
    engine.runUntil(300_000);
    expect(store.recordEvent(a, 'Normal', 'R30', 'm', 'kubelet', 'node-1')).toBeDefined();
    expect(store.recordEvent(a, 'Normal', 'R31', 'm', 'kubelet', 'node-1')).toBeUndefined();
  });

  it("never filters or combines the scheduler's events (events.k8s.io recorder)", () => {
    const { store } = setup();
    const a = store.create('Pod', pod('a'));
    for (let i = 0; i < 30; i++)
      store.recordEvent(a, 'Warning', 'FailedScheduling', `m${i}`, 'default-scheduler');
    expect(store.list('Event').map((e) => e.message)).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
  });
});

describe('Event TTL (kube-apiserver --event-ttl, 1h)', () => {
  it('deletes an Event an hour after its last update', () => {
    const { store, engine } = setup();
    const a = store.create('Pod', pod('a'));
    const first = store.recordEvent(a, 'Normal', 'Created', 'x', 'kubelet');
    engine.runUntil(30 * 60_000);
    store.recordEvent(a, 'Normal', 'Created', 'x', 'kubelet');
    engine.runUntil(80 * 60_000);
    expect(store.list('Event').map((e) => e.count)).toEqual([2]);
    engine.runUntil(91 * 60_000);
    expect(store.list('Event')).toEqual([]);
    // The recorder still remembers the series: it patches the expired Event, gets NotFound and
    // re-creates it under its old name with the next count (client-go recordToSink).
    const again = store.recordEvent(a, 'Normal', 'Created', 'x', 'kubelet');
    expect(again?.count).toBe(3);
    expect(again?.firstTimestamp).toBe('2026-01-01T00:00:00Z');
    expect(again?.metadata?.name).toBe(first?.metadata?.name);
  });
});
