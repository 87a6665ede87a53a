import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod, PodCondition } from '../../../src/api/types.js';
import { getPodsTable, podReady, podRestarts, podRow, podStatusReason } from '../../../src/views/pods.js';
import { ago, crashLoopPod, initPod, lines, NOW, piPod, terminatingPod } from './fixtures.js';

const always = 'Always';

/** A pod shaped like the `api.Pod` literals of printers_test.go (containers without names). */
function pod(opts: {
  name?: string;
  containers?: number;
  init?: Array<{ name: string; restartPolicy?: string }>;
  phase?: string;
  reason?: string;
  conditions?: PodCondition[];
  initStatuses?: ContainerStatus[];
  statuses?: ContainerStatus[];
  deletionTimestamp?: string;
}): Pod {
  const p: Pod = {
    metadata:
      opts.deletionTimestamp === undefined
        ? { name: opts.name ?? 'test' }
        : { name: opts.name ?? 'test', deletionTimestamp: opts.deletionTimestamp },
    spec: { containers: Array.from({ length: opts.containers ?? 1 }, () => ({ name: '' })) },
    status: { phase: opts.phase ?? 'podPhase' },
  };
  if (opts.init !== undefined) p.spec!.initContainers = opts.init;
  if (opts.reason !== undefined) p.status!.reason = opts.reason;
  if (opts.conditions !== undefined) p.status!.conditions = opts.conditions;
  if (opts.initStatuses !== undefined) p.status!.initContainerStatuses = opts.initStatuses;
  if (opts.statuses !== undefined) p.status!.containerStatuses = opts.statuses;
  return p;
}

function cs(fields: Partial<ContainerStatus>): ContainerStatus {
  return { name: '', image: '', imageID: '', ready: false, restartCount: 0, ...fields };
}

const running = { running: {} };
const terminatedAgo = (seconds: number) => ({ terminated: { exitCode: 0, finishedAt: ago(seconds) } });

function cells(p: Pod): [string, string, string] {
  const r = podRow(p, NOW);
  return [r.ready, r.status, r.restarts];
}

describe('podRow: printers_test.go TestPrintPod', () => {
  it('test1: name, containers, restarts, container ready status', () => {
    const p = pod({
      containers: 2,
      statuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
    });
    expect(cells(p)).toEqual(['1/2', 'podPhase', '6']);
    expect(podRow(p, NOW).age).toBe('<unknown>');
  });

  it('test2: a container waiting reason overwrites the pod phase', () => {
    const p = pod({
      containers: 2,
      statuses: [
        cs({ ready: true, restartCount: 3, state: running }),
        cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
      ],
    });
    expect(cells(p)).toEqual(['1/2', 'ContainerWaitingReason', '6']);
  });

  it('test3: the first container overwrites the rest', () => {
    const p = pod({
      containers: 2,
      statuses: [
        cs({ restartCount: 3, state: { waiting: { reason: 'ContainerWaitingReason' } } }),
        cs({ restartCount: 3, state: { terminated: { exitCode: 0, reason: 'ContainerTerminatedReason' } } }),
      ],
    });
    expect(cells(p)).toEqual(['0/2', 'ContainerWaitingReason', '6']);
  });

  it('test4/test5: ready is not enough for reporting running; status.reason wins over phase', () => {
    const statuses = [
      cs({ ready: true, restartCount: 3, state: running }),
      cs({ ready: true, restartCount: 3 }),
    ];
    expect(cells(pod({ containers: 2, statuses }))).toEqual(['1/2', 'podPhase', '6']);
    expect(cells(pod({ containers: 2, statuses, reason: 'podReason' }))).toEqual(['1/2', 'podReason', '6']);
  });

  it('test6: Completed with a container still running is NotReady, or Running with the Ready condition', () => {
    const statuses = [
      cs({ ready: true, restartCount: 3, state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
      cs({ ready: true, restartCount: 3, state: running }),
    ];
    expect(cells(pod({ containers: 2, phase: 'Running', statuses }))).toEqual(['1/2', 'NotReady', '6']);
    expect(
      cells(
        pod({ containers: 2, phase: 'Running', statuses, conditions: [{ type: 'Ready', status: 'True' }] }),
      ),
    ).toEqual(['1/2', 'Running', '6']);
  });

  it('test7/test8: an init container restarting gives Init:0/N and its restarts with age', () => {
    const restarting = cs({ restartCount: 3, state: running, lastState: terminatedAgo(10) });
    expect(
      cells(
        pod({ init: [{ name: '' }], initStatuses: [restarting], statuses: [cs({ state: { waiting: {} } })] }),
      ),
    ).toEqual(['0/1', 'Init:0/1', '3 (10s ago)']);
    expect(
      cells(
        pod({
          init: [{ name: '' }, { name: '' }],
          initStatuses: [restarting, cs({ state: { waiting: {} } })],
          statuses: [cs({ state: { waiting: {} } })],
        }),
      ),
    ).toEqual(['0/1', 'Init:0/2', '3 (10s ago)']);
  });

  it('test9/test10: the first init container done, the second restarting: Init:1/2', () => {
    const second = cs({ restartCount: 3, state: running, lastState: terminatedAgo(10) });
    expect(
      cells(
        pod({
          init: [{ name: '' }, { name: '' }],
          initStatuses: [cs({ state: { terminated: { exitCode: 0 } } }), second],
          statuses: [cs({ state: { waiting: {} } })],
        }),
      ),
    ).toEqual(['0/1', 'Init:1/2', '3 (10s ago)']);
    expect(
      cells(
        pod({
          init: [{ name: '' }, { name: '' }],
          initStatuses: [
            cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: terminatedAgo(120) }),
            second,
          ],
          statuses: [cs({ state: { waiting: {} } })],
        }),
      ),
    ).toEqual(['0/1', 'Init:1/2', '5 (10s ago)']);
  });

  it('test11: init restarts are not counted once initialised', () => {
    const p = pod({
      phase: 'Running',
      init: [{ name: '' }],
      initStatuses: [
        cs({ restartCount: 2, state: { terminated: { exitCode: 0 } }, lastState: terminatedAgo(120) }),
      ],
      statuses: [cs({ restartCount: 4, state: running, lastState: terminatedAgo(20) })],
    });
    expect(cells(p)).toEqual(['0/1', 'Running', '4 (20s ago)']);
  });

  it('test12-14: the most recent restart across containers gives the age', () => {
    const d = 24 * 3600;
    expect(
      cells(
        pod({
          phase: 'Running',
          statuses: [cs({ ready: true, restartCount: 3, state: running, lastState: terminatedAgo(5 * d) })],
        }),
      ),
    ).toEqual(['1/1', 'Running', '3 (5d ago)']);
    expect(
      cells(
        pod({
          containers: 2,
          phase: 'Running',
          statuses: [
            cs({ ready: true, restartCount: 6, state: running, lastState: terminatedAgo(5 * d) }),
            cs({ ready: true, restartCount: 3, state: running, lastState: terminatedAgo(20 * d) }),
          ],
        }),
      ),
    ).toEqual(['2/2', 'Running', '9 (5d ago)']);
  });

  it('test15: PodScheduled with reason SchedulingGated', () => {
    const p = pod({
      containers: 2,
      conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
    });
    expect(cells(p)).toEqual(['0/2', 'SchedulingGated', '0']);
  });

  it('test16/test17: Completed and Error', () => {
    expect(
      cells(
        pod({
          phase: 'Succeeded',
          statuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        }),
      ),
    ).toEqual(['0/1', 'Completed', '0']);
    expect(
      cells(
        pod({ phase: 'Failed', statuses: [cs({ state: { terminated: { exitCode: 1, reason: 'Error' } } })] }),
      ),
    ).toEqual(['0/1', 'Error', '0']);
  });

  it('test18-20: Terminating only while the phase is not terminal', () => {
    const deleted = ago(10);
    expect(
      cells(
        pod({
          phase: 'Succeeded',
          deletionTimestamp: deleted,
          statuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
        }),
      ),
    ).toEqual(['0/1', 'Completed', '0']);
    expect(
      cells(pod({ phase: 'Running', deletionTimestamp: deleted, statuses: [cs({ state: running })] })),
    ).toEqual(['0/1', 'Terminating', '0']);
    expect(cells(pod({ phase: 'Pending', deletionTimestamp: deleted }))).toEqual(['0/1', 'Terminating', '0']);
  });
});

describe('podRow: printers_test.go TestPrintPodWithRestartableInitContainer', () => {
  const sidecars = [
    { name: 'restartable-init-1', restartPolicy: always },
    { name: 'restartable-init-2', restartPolicy: always },
  ];

  it('test1: the first sidecar running but not started: Init:0/2, READY counts sidecars', () => {
    const p = pod({
      phase: 'Pending',
      init: sidecars,
      initStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running,
          started: false,
          lastState: terminatedAgo(10),
        }),
        cs({ name: 'restartable-init-2', state: { waiting: {} }, started: false }),
      ],
      statuses: [cs({ state: { waiting: {} } })],
      conditions: [{ type: 'Initialized', status: 'False' }],
    });
    expect(cells(p)).toEqual(['0/3', 'Init:0/2', '3 (10s ago)']);
  });

  it('test1b: the first sidecar started, the second not yet: Init:1/2', () => {
    const p = pod({
      phase: 'Pending',
      init: sidecars,
      initStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running,
          started: true,
          lastState: terminatedAgo(10),
        }),
        cs({ name: 'restartable-init-2', state: running, started: false }),
      ],
      statuses: [cs({ state: { waiting: {} } })],
      conditions: [{ type: 'Initialized', status: 'False' }],
    });
    expect(cells(p)).toEqual(['0/3', 'Init:1/2', '3 (10s ago)']);
  });

  it('test2: both sidecars started and the app running: sidecar restarts count', () => {
    const p = pod({
      phase: 'Running',
      init: sidecars,
      initStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running,
          started: true,
          lastState: terminatedAgo(10),
        }),
        cs({ name: 'restartable-init-2', state: running, started: true }),
      ],
      statuses: [cs({ ready: true, restartCount: 4, state: running, lastState: terminatedAgo(20) })],
      conditions: [{ type: 'Initialized', status: 'True' }],
    });
    expect(cells(p)).toEqual(['1/3', 'Running', '7 (10s ago)']);
  });

  it('test3: sidecars terminated with errors after the app completed: Completed', () => {
    const p = pod({
      phase: 'Succeeded',
      init: sidecars,
      initStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: { terminated: { exitCode: 137, reason: 'Error' } },
          started: false,
          lastState: terminatedAgo(10),
        }),
        cs({
          name: 'restartable-init-2',
          state: { terminated: { exitCode: 137, reason: 'Error' } },
          started: false,
        }),
      ],
      statuses: [
        cs({
          restartCount: 4,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
          lastState: terminatedAgo(20),
        }),
      ],
      conditions: [{ type: 'Initialized', status: 'True' }],
    });
    expect(cells(p)).toEqual(['0/3', 'Completed', '7 (10s ago)']);
  });

  it('test4: statuses for containers not in the spec', () => {
    const p: Pod = {
      metadata: { name: 'test4' },
      spec: {
        initContainers: [
          { name: 'init1', image: 'initimage' },
          { name: 'sidecar1', image: 'sidecarimage', restartPolicy: always },
        ],
        containers: [{ name: 'container1', image: 'containerimage' }],
      },
      status: {
        phase: 'Running',
        initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
        containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
      },
    };
    expect(cells(p)).toEqual(['0/2', 'Init:0/2', '0']);
  });

  it('a started, ready sidecar next to a ready app container: 2/2 Running', () => {
    const p = pod({
      phase: 'Running',
      init: [{ name: 'proxy', restartPolicy: always }],
      initStatuses: [cs({ name: 'proxy', ready: true, started: true, state: running })],
      statuses: [cs({ ready: true, state: running })],
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
    });
    expect(cells(p)).toEqual(['2/2', 'Running', '0']);
  });
});

describe('podStatusReason: other printPod branches', () => {
  it('Init:Error, Init:Signal, Init:ExitCode and Init:<waiting reason>', () => {
    const withInit = (s: ContainerStatus) =>
      pod({ phase: 'Pending', init: [{ name: 'i' }], initStatuses: [s] });
    expect(podStatusReason(withInit(cs({ state: { terminated: { exitCode: 1, reason: 'Error' } } })))).toBe(
      'Init:Error',
    );
    expect(podStatusReason(withInit(cs({ state: { terminated: { exitCode: 137, signal: 9 } } })))).toBe(
      'Init:Signal:9',
    );
    expect(podStatusReason(withInit(cs({ state: { terminated: { exitCode: 2 } } })))).toBe('Init:ExitCode:2');
    expect(podStatusReason(withInit(cs({ state: { waiting: { reason: 'CrashLoopBackOff' } } })))).toBe(
      'Init:CrashLoopBackOff',
    );
    expect(podStatusReason(withInit(cs({ state: { waiting: { reason: 'PodInitializing' } } })))).toBe(
      'Init:0/1',
    );
  });

  it('OOMKilled, Signal and ExitCode from app containers', () => {
    const one = (t: { exitCode: number; reason?: string; signal?: number }) =>
      pod({ phase: 'Failed', statuses: [cs({ state: { terminated: t } })] });
    expect(podStatusReason(one({ exitCode: 137, reason: 'OOMKilled' }))).toBe('OOMKilled');
    expect(podStatusReason(one({ exitCode: 143, signal: 15 }))).toBe('Signal:15');
    expect(podStatusReason(one({ exitCode: 3 }))).toBe('ExitCode:3');
  });

  it('ContainerCreating and a freshly scheduled Pending pod', () => {
    expect(
      podStatusReason(
        pod({ phase: 'Pending', statuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })] }),
      ),
    ).toBe('ContainerCreating');
    expect(podStatusReason(pod({ phase: 'Pending' }))).toBe('Pending');
  });

  it('Evicted (status.reason) and NodeLost deletion -> Unknown', () => {
    expect(
      podStatusReason(
        pod({
          phase: 'Failed',
          reason: 'Evicted',
          statuses: [cs({ state: { terminated: { exitCode: 137 } } })],
        }),
      ),
    ).toBe('ExitCode:137');
    expect(podStatusReason(pod({ phase: 'Failed', reason: 'Evicted' }))).toBe('Evicted');
    expect(podStatusReason(pod({ phase: 'Running', reason: 'NodeLost', deletionTimestamp: ago(5) }))).toBe(
      'Unknown',
    );
  });
});

describe('the simulated cluster', () => {
  it('podReady and podRestarts of the fixture pods', () => {
    expect(podReady(piPod)).toBe('0/1');
    expect(podStatusReason(piPod)).toBe('Completed');
    expect(podRestarts(crashLoopPod, NOW)).toBe('3 (40s ago)');
    expect(podStatusReason(crashLoopPod)).toBe('CrashLoopBackOff');
    expect(podStatusReason(initPod)).toBe('Init:1/2');
    expect(podStatusReason(terminatingPod)).toBe('Terminating');
    expect(podReady(terminatingPod)).toBe('1/1');
  });

  // Layout verified byte-for-byte against kubectl v1.33.1 printing the same cells (kubectl get pods).
  it('getPodsTable', () => {
    expect(getPodsTable([piPod, crashLoopPod, initPod, terminatingPod], NOW)).toBe(
      lines(
        'NAME          READY   STATUS             RESTARTS      AGE',
        'pi-abcde      0/1     Completed          0             2m36s',
        'flaky-x7k2p   0/1     CrashLoopBackOff   3 (40s ago)   3m',
        'setup-q8w9e   0/1     Init:1/2           0             30s',
        'pi-zz9zz      1/1     Terminating        0             20s',
      ),
    );
  });

  it('getPodsTable -o wide', () => {
    expect(getPodsTable([piPod, crashLoopPod, initPod, terminatingPod], NOW, { wide: true })).toBe(
      lines(
        'NAME          READY   STATUS             RESTARTS      AGE     IP           NODE     NOMINATED NODE   READINESS GATES',
        'pi-abcde      0/1     Completed          0             2m36s   10.244.1.5   node-1   <none>           <none>',
        'flaky-x7k2p   0/1     CrashLoopBackOff   3 (40s ago)   3m      10.244.1.7   node-1   <none>           <none>',
        'setup-q8w9e   0/1     Init:1/2           0             30s     10.244.1.9   node-1   <none>           <none>',
        'pi-zz9zz      1/1     Terminating        0             20s     10.244.1.6   node-1   <none>           <none>',
      ),
    );
  });

  // printers_test.go TestPrintPodwide: readiness gates count the true conditions.
  it('wide READINESS GATES and NOMINATED NODE', () => {
    const p: Pod = {
      metadata: { name: 'test1' },
      spec: {
        containers: [{ name: 'a' }, { name: 'b' }],
        nodeName: 'test1',
        readinessGates: [
          { conditionType: 'condition1' },
          { conditionType: 'condition2' },
          { conditionType: 'condition3' },
        ],
      },
      status: {
        phase: 'podPhase',
        podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
        nominatedNodeName: 'node1',
        conditions: [
          { type: 'condition1', status: 'False' },
          { type: 'condition2', status: 'True' },
        ],
        containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })],
      },
    };
    expect(getPodsTable([p], NOW, { wide: true })).toBe(
      lines(
        'NAME    READY   STATUS     RESTARTS   AGE         IP        NODE    NOMINATED NODE   READINESS GATES',
        'test1   1/2     podPhase   6          <unknown>   1.1.1.1   test1   node1            1/3',
      ),
    );
  });

  it('prints nothing for no pods', () => {
    expect(getPodsTable([], NOW)).toBe('');
  });
});
