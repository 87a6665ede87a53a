/**
 * The scheduler's filters and the FitError message, mirroring upstream
 * pkg/scheduler/framework/types_test.go (TestFitError_Error),
 * pkg/scheduler/framework/plugins/noderesources/fit_test.go,
 * pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go,
 * pkg/apis/core/v1/helper/helpers_test.go (TestTolerationToleratesTaint) and
 * pkg/api/v1/resource/helpers_test.go (PodRequests with sidecars).
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../../../src/api/types.js';
import {
  ERR_NO_NODES_AVAILABLE,
  fitErrorMessage,
  getMatchingTolerations,
  matchesNodeSelector,
  podRequests,
  preemptionMessage,
  runFilters,
  toleratesTaint,
  unschedulableMessage,
} from '../../../src/scheduler/plugins.js';
import { Simulation } from '../../../src/simulation.js';

const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({
  metadata: { name: 'p' },
  spec: { containers: [{ name: 'c', image: 'i' }], ...spec },
});
const node = (name: string, extra: Partial<Node> = {}): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
  ...extra,
});
const empty = { requested: new Map<string, number>(), nonZeroRequested: { cpu: 0, memory: 0 }, pods: 0 };

describe('FitError message', () => {
  it('sorts the histogram as strings and ends with a dot', () => {
    expect(
      fitErrorMessage(5, [
        { reasons: ['node(s) had untolerated taint {dedicated: gpu}'], unresolvable: true },
        { reasons: ['node(s) were unschedulable'], unresolvable: true },
        { reasons: ['Insufficient memory'], unresolvable: false },
        { reasons: ['Insufficient memory'], unresolvable: false },
        { reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false },
      ]),
    ).toBe(
      '0/5 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable, 3 Insufficient memory.',
    );
  });
  it('sorts counts as text, so 10 comes before 2', () => {
    const s = [
      ...Array.from({ length: 10 }, () => ({ reasons: ['Too many pods'], unresolvable: false })),
      ...Array.from({ length: 2 }, () => ({ reasons: ['Insufficient cpu'], unresolvable: false })),
    ];
    expect(fitErrorMessage(12, s)).toBe('0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.');
  });
  it('appends the preemption message', () => {
    const s = [
      { reasons: ['Insufficient cpu'], unresolvable: false },
      { reasons: ['Insufficient cpu'], unresolvable: true },
      { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true },
    ];
    expect(unschedulableMessage(pod(), 3, s)).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });
  it('says when the pod may not preempt, and when there are no nodes', () => {
    expect(preemptionMessage(pod({ preemptionPolicy: 'Never' }), 1, [])).toBe(
      'preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(unschedulableMessage(pod(), 0, [])).toBe(ERR_NO_NODES_AVAILABLE);
  });
});

describe('filters', () => {
  it('runs NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit in this order', () => {
    const n = node('n', {
      spec: { unschedulable: true, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
    });
    const big = pod({
      nodeSelector: { disk: 'ssd' },
      containers: [{ name: 'c', resources: { requests: { cpu: '8' } } }],
    });
    const req = podRequests(big);
    expect(runFilters(big, n, req, empty)?.reasons).toEqual(['node(s) were unschedulable']);
    const uncordoned = { ...n, spec: { ...n.spec, unschedulable: false } };
    expect(runFilters(big, uncordoned, req, empty)?.reasons).toEqual([
      'node(s) had untolerated taint {k: v}',
    ]);
    const untainted = node('n');
    expect(runFilters(big, untainted, req, empty)?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
    const labelled = node('n', { metadata: { name: 'n', labels: { disk: 'ssd' } } });
    expect(runFilters(big, labelled, req, empty)).toEqual({
      reasons: ['Insufficient cpu'],
      unresolvable: true,
    });
  });
  it('reports every insufficient resource; unresolvable only above the whole allocatable', () => {
    const p = pod({ containers: [{ name: 'c', resources: { requests: { cpu: '2', memory: '1Gi' } } }] });
    const used = {
      requested: new Map([
        ['cpu', 3000],
        ['memory', 8 * 1024 ** 3],
      ]),
      nonZeroRequested: { cpu: 0, memory: 0 },
      pods: 110,
    };
    expect(runFilters(p, node('n'), podRequests(p), used)).toEqual({
      reasons: ['Too many pods', 'Insufficient cpu', 'Insufficient memory'],
      unresolvable: false,
    });
  });
  it('a cordoned node accepts pods that tolerate node.kubernetes.io/unschedulable', () => {
    const p = pod({
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
    });
    const n = node('n', { spec: { unschedulable: true } });
    expect(runFilters(p, n, podRequests(p), empty)).toBeUndefined();
  });
  it('ignores PreferNoSchedule taints', () => {
    const n = node('n', { spec: { taints: [{ key: 'k', effect: 'PreferNoSchedule' }] } });
    expect(runFilters(pod(), n, new Map(), empty)).toBeUndefined();
  });
});

describe('tolerations', () => {
  it.each([
    [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'NoSchedule' }, true],
    [{ key: 'foo', operator: 'Equal', value: 'baz', effect: 'NoSchedule' }, false],
    [{ key: 'foo', value: 'bar' }, true],
    [{ key: 'foo', operator: 'Exists' }, true],
    [{ operator: 'Exists' }, true],
    [{ operator: 'Exists', effect: 'NoExecute' }, false],
    [{ key: 'other', operator: 'Exists' }, false],
  ] as const)('%j tolerates foo=bar:NoSchedule: %s', (t, want) => {
    expect(toleratesTaint(t, { key: 'foo', value: 'bar', effect: 'NoSchedule' })).toBe(want);
  });
  it('uses the first matching toleration per taint', () => {
    const taints = [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }];
    const [all, used] = getMatchingTolerations(taints, [
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
      { operator: 'Exists' },
    ]);
    expect(all).toBe(true);
    expect(used).toEqual([
      {
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      },
    ]);
    expect(getMatchingTolerations(taints, [])[0]).toBe(false);
  });
});

describe('node affinity', () => {
  const n = node('n1', { metadata: { name: 'n1', labels: { zone: 'a', size: '10' } } });
  const aff = (terms: unknown[]) =>
    pod({
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
      },
    } as never);
  it('ORs terms and ANDs requirements', () => {
    expect(
      matchesNodeSelector(
        aff([
          { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] },
          { matchExpressions: [{ key: 'size', operator: 'Gt', values: ['5'] }] },
        ]),
        n,
      ),
    ).toBe(true);
    expect(
      matchesNodeSelector(
        aff([
          {
            matchExpressions: [
              { key: 'zone', operator: 'In', values: ['a'] },
              { key: 'gpu', operator: 'Exists' },
            ],
          },
        ]),
        n,
      ),
    ).toBe(false);
    expect(
      matchesNodeSelector(
        aff([
          {
            matchExpressions: [
              { key: 'gpu', operator: 'DoesNotExist' },
              { key: 'size', operator: 'Lt', values: ['11'] },
            ],
          },
        ]),
        n,
      ),
    ).toBe(true);
    expect(
      matchesNodeSelector(
        aff([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }]),
        n,
      ),
    ).toBe(true);
    expect(matchesNodeSelector(aff([{}]), n)).toBe(false);
  });
});

describe('podRequests', () => {
  it('takes the larger of the regular containers plus sidecars and each init container plus earlier sidecars', () => {
    const p = pod({
      initContainers: [
        { name: 'side', restartPolicy: 'Always', resources: { requests: { cpu: '1' } } },
        { name: 'init', resources: { requests: { cpu: '3' } } },
      ],
      containers: [{ name: 'c', resources: { requests: { cpu: '500m' }, limits: { memory: '1Gi' } } }],
    });
    const r = podRequests(p);
    expect(r.get('cpu')).toBe(4000);
    expect(r.get('memory')).toBe(1024 ** 3);
    expect(podRequests(pod(), true).get('cpu')).toBe(100);
  });
});

describe('Scheduler', () => {
  it('spreads pods without requests over equal nodes (LeastAllocated on non-zero requests)', () => {
    const sim = new Simulation({ nodes: 3 });
    for (const name of ['a', 'b', 'c'])
      sim.apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name },
        spec: { containers: [{ name: 'c', image: 'i' }] },
      });
    sim.runFor('1s');
    expect(['a', 'b', 'c'].map((n) => sim.get('Pod', n)?.spec?.nodeName)).toEqual([
      'node-0',
      'node-1',
      'node-2',
    ]);
  });
  it('retries an unschedulable pod when resources free up', () => {
    const sim = new Simulation({
      nodes: 1,
      capacity: { cpu: '1' },
      behaviors: [
        { match: { pod: 'first' }, run: { kind: 'fixed', ms: 30_000 } },
        { run: { kind: 'forever' } },
      ],
    });
    const mk = (name: string): Pod => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: {
        restartPolicy: 'Never',
        containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '800m' } } }],
      },
    });
    sim.apply(mk('first'));
    sim.runFor('1s');
    sim.apply(mk('second'));
    sim.runFor('10s');
    const cond = sim.get('Pod', 'second')?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message:
        '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    });
    sim.runFor('30s');
    expect(sim.get('Pod', 'second')?.spec?.nodeName).toBe('node-0');
    expect(sim.get('Pod', 'second')?.status?.phase).toBe('Running');
  });
  it('leaves pods of another scheduler and gated pods alone', () => {
    const sim = new Simulation({ nodes: 1 });
    sim.apply([
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'other' },
        spec: { schedulerName: 'my-scheduler', containers: [{ name: 'c', image: 'i' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'gated' },
        spec: { schedulingGates: [{ name: 'example.com/quota' }], containers: [{ name: 'c', image: 'i' }] },
      },
    ]);
    sim.runFor('1m');
    for (const name of ['other', 'gated']) {
      expect(sim.get('Pod', name)?.spec?.nodeName).toBeUndefined();
      expect(sim.events({ kind: 'Pod', name }).map((e) => e.reason)).toEqual([]);
    }
  });
});
