import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/simulation.js';

const job = (completions: number) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'many' },
  spec: {
    completions,
    parallelism: completions,
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
  },
});

describe('PodGC terminated-pod threshold (gc_controller.go gcTerminated)', () => {
  it('keeps every finished pod below the threshold (upstream default 12500)', () => {
    const sim = new Simulation({ nodes: 2 });
    sim.apply(job(20) as never);
    sim.runUntilIdle();
    expect(sim.list('Pod').length).toBe(20);
  });

  it('deletes the oldest finished pods beyond the threshold at the next 20s pass; the Job still counts them', () => {
    const sim = new Simulation({ nodes: 2, terminatedPodGcThreshold: 5 });
    sim.apply(job(20) as never);
    sim.runFor('60s');
    expect(sim.list('Pod').length).toBe(5);
    expect(sim.get('Job', 'many')?.status?.succeeded).toBe(20);
  });

  it('keeps everything with a threshold of 0', () => {
    const sim = new Simulation({ nodes: 2, terminatedPodGcThreshold: 0 });
    sim.apply(job(20) as never);
    sim.runFor('60s');
    expect(sim.list('Pod').length).toBe(20);
  });
});
