/**
 * Seed sweeps: the aggregate is exact, so it does not depend on the number of workers, equals
 * running the seeds one by one, and the shards of a sweep merge into exactly the whole.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { Accumulator } from '../../src/sweep/aggregate.js';
import { mergeSweeps } from '../../src/sweep/merge.js';
import { runSeed } from '../../src/sweep/outcome.js';
import { SweepInputError } from '../../src/sweep/seeds.js';
import { SweepPool, scenarioHash, sweep } from '../../src/sweep/sweep.js';

const root = join(import.meta.dirname, '..', '..');
const FILE = 'sim/flaky-retries.yaml';
const text = readFileSync(join(root, FILE), 'utf8');
const loaded = loadScenario(text, FILE);
const seeds = { from: 1, to: 60 };

describe('sweep', () => {
  it('gives the same aggregate with 1 and 2 workers, and the same as the seeds one by one', async () => {
    const progress: number[] = [];
    const one = await sweep(loaded, { seeds, workers: 1 });
    const two = await sweep(text, {
      seeds,
      workers: 2,
      file: FILE,
      onProgress: (p) => progress.push(p.done),
    });
    expect(two).toEqual(one);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(progress.at(-1)).toBe(60);

    const acc = new Accumulator({
      file: FILE,
      scenario: 'flaky-retries',
      scenarioHash: scenarioHash(loaded),
      kubernetesVersion: one.kubernetesVersion,
      seeds,
      maxFailingSeeds: 10,
    });
    for (let s = seeds.from; s <= seeds.to; s++) acc.add(runSeed(loaded, s));
    expect(acc.result()).toEqual(one);

    // The numbers are the ones the runs produce.
    expect(one.runs).toBe(60);
    expect(one.passed + one.failed).toBe(60);
    expect(one.failed).toBeGreaterThan(0);
    expect(one.jobs['retries-2']!.Complete + (one.jobs['retries-2']!.Failed.BackoffLimitExceeded ?? 0)).toBe(
      60,
    );
    expect(one.outcomes.Complete + one.outcomes.Failed.BackoffLimitExceeded!).toBe(120);
    expect(one.duration.count).toBe(60);
    expect(one.duration.p50!).toBeLessThanOrEqual(one.duration.p99!);
    expect(one.pods.created).toBeGreaterThanOrEqual(2 * 20 * 60);
    expect(one.ends.done).toBe(60);
    expect(one.failingSeeds.map((f) => f.seed)).toEqual(
      [...one.failingSeeds.map((f) => f.seed)].sort((a, b) => a - b),
    );
  });

  it('merges shards into exactly the whole sweep, in any order, through JSON', async () => {
    const whole = await sweep(loaded, { seeds, workers: 1, maxFailingSeeds: 3 });
    const parts = await Promise.all(
      [0, 1, 2].map((index) =>
        sweep(loaded, { seeds, workers: 1, maxFailingSeeds: 3, shard: { index, count: 3 } }),
      ),
    );
    expect(parts.map((p) => p.runs)).toEqual([20, 20, 20]);
    expect(parts[1]!.shards).toEqual({ count: 3, indexes: [1] });
    const viaJson = parts.map((p) => JSON.parse(JSON.stringify(p)));
    expect(mergeSweeps([viaJson[2], viaJson[0], viaJson[1]])).toEqual(whole);
    const partial = mergeSweeps([parts[0]!, parts[2]!]);
    expect(partial.shards).toEqual({ count: 3, indexes: [0, 2] });
    expect(mergeSweeps([partial, parts[1]!])).toEqual(whole);
  });

  it('refuses parts that are not disjoint shards of one sweep', async () => {
    const a = await sweep(loaded, { seeds: { from: 1, to: 4 }, workers: 1, shard: { index: 0, count: 2 } });
    const other = await sweep(readFileSync(join(root, 'sim/parallel.yaml'), 'utf8'), {
      seeds: { from: 1, to: 4 },
      workers: 1,
      shard: { index: 1, count: 2 },
    });
    expect(() => mergeSweeps([a, a])).toThrow(/shard 0\/2 is given more than once/);
    expect(() => mergeSweeps([a, other])).toThrow(/different scenario/);
    expect(() => mergeSweeps([])).toThrow(SweepInputError);
  });

  it('reports failing seeds that replay with runScenario and the same seed', async () => {
    const r = await sweep(loaded, { seeds: { from: 1, to: 30 }, workers: 1 });
    const first = r.failingSeeds[0]!;
    expect(first.command).toBe(`jobsim run ${FILE} --seed ${first.seed}`);
    const replay = runScenario(loaded, { seed: first.seed });
    expect(replay.ok).toBe(false);
    expect(replay.checks.flatMap((c) => c.failures).slice(0, 3)).toEqual(first.failures);
    for (let s = 1; s < first.seed; s++)
      expect(runScenario(loaded, { seed: s, recordHistory: false }).ok).toBe(true);
  });

  it('refuses bad seeds, shards and worker counts', async () => {
    await expect(sweep(loaded, { seeds: { from: 5, to: 1 } })).rejects.toThrow(/empty/);
    await expect(sweep(loaded, { seeds: [1, 1] })).rejects.toThrow(/more than once/);
    await expect(sweep(loaded, { seeds: [1], shard: { index: 2, count: 2 } })).rejects.toThrow(/from 0 to 1/);
    await expect(sweep(loaded, { seeds: [1], workers: 0 })).rejects.toThrow(/workers/);
  });
});

describe('SweepPool', () => {
  const other = loadScenario(readFileSync(join(root, 'sim/pi.yaml'), 'utf8'), 'sim/pi.yaml');
  // A scenario whose every run throws inside runScenario (its steps are not a list), while
  // creating its objects works: the sweep's checks pass, the seeds fail.
  const throwing = { ...loaded, scenario: { ...loaded.scenario, steps: 5 } } as unknown as typeof loaded;

  it('keeps its worker threads across sweeps, with results equal to sweep() on one thread', async () => {
    const pool = new SweepPool({ workers: 2 });
    try {
      expect(pool.threads).toBe(2);
      const a = await pool.sweep(loaded, { seeds });
      const b = await pool.sweep(other, { seeds: { from: 1, to: 20 } });
      const a2 = await pool.sweep(loaded, { seeds, shard: { index: 1, count: 3 } });
      expect(a).toEqual(await sweep(loaded, { seeds, workers: 1 }));
      expect(b).toEqual(await sweep(other, { seeds: { from: 1, to: 20 }, workers: 1 }));
      expect(a2).toEqual(await sweep(loaded, { seeds, shard: { index: 1, count: 3 }, workers: 1 }));
      // Calls made together run one after the other.
      const [c, d] = await Promise.all([
        pool.sweep(other, { seeds: [3, 1, 2] }),
        pool.sweep(loaded, { seeds }),
      ]);
      expect(c).toEqual(await sweep(other, { seeds: [3, 1, 2], workers: 1 }));
      expect(d).toEqual(a);
    } finally {
      await pool.close();
    }
    await expect(pool.sweep(loaded, { seeds })).rejects.toThrow(/closed/);
  });

  it('reports a run that throws as a SeedError, and the next sweep on the pool is unaffected', async () => {
    const pool = new SweepPool({ workers: 2 });
    try {
      await expect(pool.sweep(throwing, { seeds: { from: 1, to: 40 } })).rejects.toMatchObject({
        name: 'SeedError',
        message: expect.stringMatching(/^the run of seed \d+ threw: .*not iterable/),
      });
      expect(await pool.sweep(loaded, { seeds })).toEqual(await sweep(loaded, { seeds, workers: 1 }));
    } finally {
      await pool.close();
    }
    await expect(sweep(throwing, { seeds: { from: 1, to: 4 }, workers: 1 })).rejects.toThrow(
      /^the run of seed 1 threw/,
    );
  });

  it('reports a worker that dies during a sweep, and starts a new one for the next sweep', async () => {
    const pool = new SweepPool({ workers: 2 });
    try {
      const ref = await sweep(loaded, { seeds, workers: 1 });
      expect(await pool.sweep(loaded, { seeds })).toEqual(ref);
      const workers = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
      expect(workers).toHaveLength(1);
      const dying = pool.sweep(loaded, {
        seeds: { from: 1, to: 4000 }, // far more than run before the worker is gone
        onProgress: () => void workers[0]!.terminate(),
      });
      await expect(dying).rejects.toThrow(/sweep worker exited with code 1 before the sweep finished/);
      expect(await pool.sweep(loaded, { seeds })).toEqual(ref);
    } finally {
      await pool.close();
    }
  });

  it('rejects a sweep in progress when the pool is closed', async () => {
    const pool = new SweepPool({ workers: 2 });
    let closing: Promise<void> | undefined;
    const running = pool.sweep(loaded, {
      seeds: { from: 1, to: 4000 }, // far more than run before the close takes effect
      onProgress: () => {
        closing ??= pool.close();
      },
    });
    await expect(running).rejects.toThrow('the SweepPool was closed during the sweep');
    await closing;
  });

  it('refuses a bad worker count', () => {
    expect(() => new SweepPool({ workers: 0 })).toThrow(/workers/);
  });
});
