/**
 * The TTL-after-finished controller in a simulated cluster. Mirrors upstream
 * `pkg/controller/ttlafterfinished/ttlafterfinished_controller_test.go` (TestTimeLeft: completed or
 * failed now / some time ago, 0s and longer TTLs, no TTL) and the e2e test
 * `test/e2e/apps/ttl_after_finished.go` ("job should be deleted once it finishes after TTL
 * seconds"), plus the controller's re-read of the Job before deleting (TTL edits honoured).
 */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/api/types.js';
import { installCronJobs } from '../../../src/controllers/cronjob/index.js';
import type { BehaviorRule } from '../../../src/kubelet/behaviors.js';
import { Simulation } from '../../../src/simulation.js';
import type { TraceEvent } from '../../../src/trace.js';

function newSim(behaviors: BehaviorRule[] = []) {
  const sim = new Simulation({ nodes: 1, behaviors });
  installCronJobs(sim.engine, sim.store, sim.api);
  return sim;
}

function job(name: string, ttl: number | undefined, extra: Record<string, unknown> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      ...(ttl !== undefined ? { ttlSecondsAfterFinished: ttl } : {}),
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1' }] } },
      ...extra,
    },
  };
}

/** Virtual ms at which the Job got its Complete/Failed condition. */
function finishedAt(sim: Simulation, name: string): number {
  const c = sim
    .get('Job', name)
    ?.status?.conditions?.find((x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return Date.parse(c!.lastTransitionTime!) - sim.store.startTime;
}

/** Runs to a virtual time in ms (`runUntil` reads a bare number as seconds). */
const runTo = (sim: Simulation, ms: number) => sim.runUntil(`${ms}ms`);

const podsOf = (sim: Simulation, name: string) =>
  sim.list('Pod').filter((p) => p.metadata?.labels?.['batch.kubernetes.io/job-name'] === name);

describe('TTL-after-finished controller', () => {
  it('deletes a completed Job and its pods TTL seconds after it finished ("Job completed now, 10s TTL")', () => {
    const sim = newSim();
    sim.apply(job('pi', 10));
    sim.runUntil((s) => (s.get('Job', 'pi')?.status?.conditions ?? []).some((c) => c.type === 'Complete'));
    const t = finishedAt(sim, 'pi');
    expect(podsOf(sim, 'pi')).toHaveLength(1);
    runTo(sim, t + 9_999);
    expect(sim.get('Job', 'pi')).toBeDefined();
    runTo(sim, t + 10_000);
    expect(sim.get('Job', 'pi')).toBeUndefined();
    expect(podsOf(sim, 'pi')).toEqual([]);
    // Foreground propagation: the Job was marked for deletion with the foregroundDeletion finalizer.
    const marked = sim
      .trace()
      .find(
        (e: TraceEvent) =>
          e.type === 'object' &&
          e.kind === 'Job' &&
          e.name === 'pi' &&
          (e.object.metadata?.finalizers ?? []).includes('foregroundDeletion'),
      );
    expect(marked).toBeDefined();
    // No events are recorded by the TTL controller.
    expect(sim.events().some((e) => e.source?.component === 'ttl-after-finished-controller')).toBe(false);
  });

  it('TTL 0 deletes the Job right when it finishes ("Job completed now, 0s TTL")', () => {
    const sim = newSim();
    sim.apply(job('zero', 0));
    let goneAt: number | undefined;
    let finishedMs: number | undefined;
    sim.store.emitter.on('change', (e) => {
      if (e.kind !== 'Job' || e.object.metadata?.name !== 'zero') return;
      if (e.type === 'DELETED') goneAt = e.time;
      else if (finishedMs === undefined && (e.object as Job).status?.completionTime) finishedMs = e.time;
    });
    sim.runFor('1m');
    expect(goneAt).toBeDefined();
    expect(goneAt).toBe(finishedMs);
  });

  it('a failed Job is deleted too ("Job failed now, 0s TTL")', () => {
    const sim = newSim([{ exitCode: 1 }]);
    sim.apply(job('bad', 5, { backoffLimit: 0 }));
    sim.runUntil((s) => (s.get('Job', 'bad')?.status?.conditions ?? []).some((c) => c.type === 'Failed'));
    const t = finishedAt(sim, 'bad');
    runTo(sim, t + 5_000);
    expect(sim.get('Job', 'bad')).toBeUndefined();
  });

  it('a Job without a TTL is kept ("Error case: Job completed now, no TTL")', () => {
    const sim = newSim();
    sim.apply(job('keep', undefined));
    sim.runFor('1h');
    expect(sim.get('Job', 'keep')?.status?.succeeded).toBe(1);
  });

  it('an unfinished Job is not deleted, whatever its TTL ("Error case: Job unfinished")', () => {
    const sim = newSim([{ run: { kind: 'forever' } }]);
    sim.apply(job('running', 0));
    sim.runFor('1h');
    expect(sim.get('Job', 'running')).toBeDefined();
  });

  it('a TTL raised before expiry is honoured', () => {
    const sim = newSim();
    sim.apply(job('longer', 30));
    sim.runUntil((s) =>
      (s.get('Job', 'longer')?.status?.conditions ?? []).some((c) => c.type === 'Complete'),
    );
    const t = finishedAt(sim, 'longer');
    runTo(sim, t + 5_000);
    sim.patch('Job', 'longer', { spec: { ttlSecondsAfterFinished: 120 } });
    runTo(sim, t + 119_000);
    expect(sim.get('Job', 'longer')).toBeDefined();
    runTo(sim, t + 120_000);
    expect(sim.get('Job', 'longer')).toBeUndefined();
  });

  it('a TTL lowered below the time already passed deletes the Job at once ("Job completed 10s ago, 5s TTL")', () => {
    const sim = newSim();
    sim.apply(job('shorter', 3600));
    sim.runUntil((s) =>
      (s.get('Job', 'shorter')?.status?.conditions ?? []).some((c) => c.type === 'Complete'),
    );
    const t = finishedAt(sim, 'shorter');
    runTo(sim, t + 10_000);
    sim.patch('Job', 'shorter', { spec: { ttlSecondsAfterFinished: 5 } });
    sim.runFor('1ms');
    expect(sim.get('Job', 'shorter')).toBeUndefined();
  });

  it('Jobs of a CronJob with a TTL in the template are deleted by TTL, not by history pruning', () => {
    const sim = newSim();
    sim.apply({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tidy' },
      spec: {
        schedule: '* * * * *',
        successfulJobsHistoryLimit: 10,
        jobTemplate: {
          spec: {
            ttlSecondsAfterFinished: 30,
            template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1' }] } },
          },
        },
      },
    });
    sim.runFor('5m30s');
    // Jobs finish ~11s after their minute and go 30s later: only the 00:05 Job is left.
    expect(sim.list('Job').map((j) => j.metadata?.name)).toEqual([
      `tidy-${Math.floor(Date.parse('2026-01-01T00:05:00Z') / 60_000)}`,
    ]);
    expect(
      sim.events({ kind: 'CronJob', name: 'tidy' }).filter((e) => e.reason === 'SuccessfulDelete'),
    ).toEqual([]);
    expect(sim.get('CronJob', 'tidy')?.status?.lastSuccessfulTime).toBeDefined();
  });
});
