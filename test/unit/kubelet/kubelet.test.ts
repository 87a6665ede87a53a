/**
 * The kubelet through the library API: the CrashLoopBackOff schedule (doBackOff in
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go with client-go/util/flowcontrol/backoff.go and
 * its backoff_test.go), and grace periods shared by sidecars (killContainer in
 * kuberuntime_container.go).
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/api/types.js';
import type { BehaviorRule } from '../../../src/kubelet/behaviors.js';
import { Simulation } from '../../../src/simulation.js';

function starts(sim: Simulation, name: string, container = 'main'): number[] {
  const out: number[] = [];
  let last: string | undefined;
  for (const e of sim.trace()) {
    if (e.type !== 'object' || e.kind !== 'Pod' || e.name !== name) continue;
    const pod = e.object as Pod;
    const cs = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find(
      (c) => c.name === container,
    );
    const at = cs?.state?.running?.startedAt;
    const key = `${cs?.restartCount}/${at}`;
    if (at && key !== last) {
      out.push(e.t / 1000);
      last = key;
    }
  }
  return out;
}

const pod = (name: string, restartPolicy = 'Always'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { restartPolicy, containers: [{ name: 'main', image: 'busybox' }] },
});

describe('CrashLoopBackOff', () => {
  it('restarts at once, then after 10s, 20s, 40s, 80s, 160s, 300s, 300s from each exit', () => {
    const behaviors: BehaviorRule[] = [{ run: { kind: 'fixed', ms: 1000 }, exitCode: 1 }];
    const sim = new Simulation({ nodes: 1, behaviors, limit: '30m' });
    sim.apply(pod('crash'));
    sim.runFor('20m');
    const s = starts(sim, 'crash');
    const waits = s.slice(1).map((t, i) => t - (s[i]! + 1));
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('forgets the back-off once the container ran for more than 2 x 300s since the last restart', () => {
    const behaviors: BehaviorRule[] = [
      { match: { restart: 3 }, run: { kind: 'fixed', ms: 700_000 }, exitCode: 1 },
      { run: { kind: 'fixed', ms: 1000 }, exitCode: 1 },
    ];
    const sim = new Simulation({ nodes: 1, behaviors, limit: '2h' });
    sim.apply(pod('steady'));
    sim.runFor('20m');
    const s = starts(sim, 'steady');
    // restarts 1..3 after 0, 10, 20s; restart 3 runs 700s; restart 4 at once, restart 5 after 10s.
    const runs = [1, 1, 1, 700, 1, 1];
    const waits = s.slice(1).map((t, i) => t - (s[i]! + runs[i]!));
    expect(waits.slice(0, 5)).toEqual([0, 10, 20, 0, 10]);
  });

  it('does not restart with restartPolicy Never, nor after exit 0 with OnFailure', () => {
    const sim = new Simulation({ nodes: 1, behaviors: [{ run: { kind: 'fixed', ms: 1000 }, exitCode: 1 }] });
    sim.apply(pod('never', 'Never'));
    sim.runUntilIdle();
    expect(sim.get('Pod', 'never')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(sim.get('Pod', 'never')?.status?.phase).toBe('Failed');
    const ok = new Simulation({ nodes: 1, behaviors: [{ run: { kind: 'fixed', ms: 1000 } }] });
    ok.apply(pod('done', 'OnFailure'));
    ok.runUntilIdle();
    expect(ok.get('Pod', 'done')?.status?.phase).toBe('Succeeded');
    expect(ok.get('Pod', 'done')?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
  });

  it('restarts a container that exited 0 under restartPolicy Always, with back-off', () => {
    const sim = new Simulation({ nodes: 1, behaviors: [{ run: { kind: 'fixed', ms: 5000 } }], limit: '1m' });
    sim.apply(pod('loop'));
    sim.runFor('12s');
    const cs = sim.get('Pod', 'loop')?.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state?.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.lastState?.terminated?.reason).toBe('Completed');
    expect(sim.get('Pod', 'loop')?.status?.phase).toBe('Running');
  });
});

describe('termination', () => {
  it('gives sidecars what is left of the grace period, at least 2s', () => {
    const behaviors: BehaviorRule[] = [
      { match: { container: 'main' }, run: { kind: 'forever' }, onStop: { afterMs: 29_000, exitCode: 0 } },
      { match: { container: 'side' }, run: { kind: 'forever' }, onStop: { afterMs: 60_000, exitCode: 0 } },
    ];
    const sim = new Simulation({ nodes: 1, behaviors });
    sim.apply({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', finalizers: ['example.com/keep'] },
      spec: {
        restartPolicy: 'Never',
        initContainers: [{ name: 'side', image: 'envoy', restartPolicy: 'Always' }],
        containers: [{ name: 'main', image: 'busybox' }],
      },
    } as Pod);
    sim.runFor('10s');
    sim.delete('Pod', 'p');
    sim.runFor('1m');
    const p = sim.get('Pod', 'p');
    expect(p?.status?.phase).toBe('Succeeded');
    // main stops at 10+29 = 39s; 1s of grace is left, so the sidecar gets the 2s minimum: 137 at 41s.
    expect(p?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      finishedAt: '2026-01-01T00:00:39Z',
    });
    expect(p?.status?.initContainerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 137,
      finishedAt: '2026-01-01T00:00:41Z',
    });
  });
});
