/**
 * Seed sweeps: run one scenario under many seeds (Monte Carlo) and aggregate the results
 * exactly, in parallel on worker threads. The aggregate is the same whatever the number of
 * workers, and the same as running the seeds one by one.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KUBERNETES_VERSION } from '../profile.js';
import { type LoadedScenario, loadScenario } from '../scenario/load.js';
import { createScenarioSimulation } from '../scenario/run.js';
import { Accumulator, type SweepIdentity, type SweepResult } from './aggregate.js';
import { type ChunkRequest, type ChunkResponse, runChunk, SeedError, type WorkerInit } from './chunk.js';
import {
  checkShard,
  type SeedSelection,
  type Shard,
  SweepInputError,
  seedSpec,
  shardSeeds,
} from './seeds.js';

/** Progress of a sweep: seeds finished out of the seeds this sweep (or shard) runs. */
export interface SweepProgress {
  readonly done: number;
  readonly total: number;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /** An inclusive range `{from, to}` or a list of seeds. */
  readonly seeds: SeedSelection;
  /**
   * Simulation threads: a number, or 'auto' (default) for the available parallelism. 1 runs in
   * this thread; N runs in this thread and N - 1 worker threads.
   */
  readonly workers?: 'auto' | number;
  /** Run only one interleaved shard of the seeds; merge the shards' results with `mergeSweeps`. */
  readonly shard?: Shard;
  /** The file name used in replay commands when `scenario` is text (default '<input>'). */
  readonly file?: string;
  /** How many failing seeds to list (the smallest ones; default 10). */
  readonly maxFailingSeeds?: number;
  /** Called after every chunk of seeds. */
  readonly onProgress?: (progress: SweepProgress) => void;
}

/** Default number of failing seeds a result lists. */
export const DEFAULT_MAX_FAILING_SEEDS = 10;

/**
 * Runs a scenario under every seed of a range or list (or one shard of it) and aggregates: check
 * pass rate, Job outcomes, virtual duration quantiles, pod and event counts, the first failing
 * seeds with the command that replays each. Runs use `recordHistory: false`.
 *
 * @example
 * ```ts
 * const r = await sweep(readFileSync('sim/flaky-retries.yaml', 'utf8'), {
 *   file: 'sim/flaky-retries.yaml',
 *   seeds: { from: 1, to: 1000 },
 * });
 * r.passRate; // e.g. 0.913
 * r.jobs['retries-2']?.Failed.BackoffLimitExceeded;
 * r.duration.p99; // virtual ms
 * r.failingSeeds[0]?.command; // 'jobsim run sim/flaky-retries.yaml --seed 2'
 * ```
 * @throws ScenarioError for bad scenario text, InvalidScenarioObjectsError for invalid objects,
 *   SweepInputError for bad seeds, shard or workers, SeedError when a run throws.
 */
export async function sweep(scenario: string | LoadedScenario, options: SweepOptions): Promise<SweepResult> {
  const loaded = typeof scenario === 'string' ? loadScenario(scenario, options.file ?? '<input>') : scenario;
  const spec = seedSpec(options.seeds);
  const shard = options.shard ? checkShard(options.shard) : undefined;
  const maxFailingSeeds = options.maxFailingSeeds ?? DEFAULT_MAX_FAILING_SEEDS;
  if (!Number.isSafeInteger(maxFailingSeeds) || maxFailingSeeds < 0)
    throw new SweepInputError('INVALID_SEEDS', `maxFailingSeeds must be a non-negative integer`);
  // Invalid objects are input errors: find them once, here, rather than in every seed.
  createScenarioSimulation(loaded, { recordHistory: false });
  const identity: SweepIdentity = {
    file: options.file ?? loaded.file,
    scenario: loaded.scenario.name,
    scenarioHash: scenarioHash(loaded),
    kubernetesVersion: KUBERNETES_VERSION,
    seeds: spec,
    maxFailingSeeds,
  };
  const seeds = shardSeeds(spec, shard);
  const workers = Math.min(resolveWorkers(options.workers ?? 'auto'), seeds.length);
  const chunks = chunk(seeds, workers);
  const onProgress = options.onProgress;
  let done = 0;
  const progress = (n: number) => {
    done += n;
    onProgress?.({ done, total: seeds.length });
  };
  const parts =
    workers <= 1
      ? await runInline(loaded, identity, chunks, progress)
      : await runInWorkers(loaded, { loaded, identity }, chunks, workers, progress);
  const acc = new Accumulator(identity);
  for (const p of parts) acc.addResult(p); // chunk order = seed order
  return acc.result(shard && shard.count > 1 ? { count: shard.count, indexes: [shard.index] } : undefined);
}

/** Hash of what a sweep runs: the objects and the Scenario document (not the file name).  *
 * @example
 * ```ts
 * scenarioHash(loadScenario(text)); // 16 hex digits
 * ```
 */
export function scenarioHash(loaded: LoadedScenario): string {
  return createHash('sha256')
    .update(JSON.stringify({ objects: loaded.objects, scenario: loaded.scenario }))
    .digest('hex')
    .slice(0, 16);
}

function resolveWorkers(w: 'auto' | number): number {
  if (w === 'auto') return Math.max(1, availableParallelism());
  if (!Number.isSafeInteger(w) || w < 1)
    throw new SweepInputError('INVALID_WORKERS', `workers must be 'auto' or a positive integer, got ${w}`);
  return w;
}

/** Largest chunk: about 0.2 s of a 20-pod scenario, so progress and messages stay frequent. */
const MAX_CHUNK = 256;
/** Smallest chunk at the end of a sweep: below this, messages would cost more than the imbalance. */
const MIN_CHUNK = 8;

/**
 * Splits the seeds into chunks in seed order. One thread takes everything in chunks of
 * {@link MAX_CHUNK}. Several threads take chunks of a shrinking size (guided scheduling): each
 * chunk is at most a quarter of an even share of what remains, so that the threads finish
 * within a small chunk of each other instead of one thread running a last large chunk alone.
 */
function chunk(seeds: readonly number[], workers: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < seeds.length; ) {
    const remaining = seeds.length - i;
    const size =
      workers <= 1
        ? MAX_CHUNK
        : Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(remaining / (workers * 4))));
    out.push(seeds.slice(i, i + size));
    i += size;
  }
  return out;
}

async function runInline(
  loaded: LoadedScenario,
  identity: SweepIdentity,
  chunks: readonly number[][],
  progress: (n: number) => void,
): Promise<SweepResult[]> {
  const parts: SweepResult[] = [];
  for (const c of chunks) {
    parts.push(runChunk(loaded, identity, c));
    progress(c.length);
    // Let the event loop breathe between chunks (progress output, signals).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return parts;
}

/**
 * The worker entry next to this module: `worker.js` when running the build; when running the
 * sources (under tsx or vitest), `worker.ts`, loaded by a small bootstrap that registers tsx (a
 * dev dependency) in the worker first (Node 20 does not apply `--import` hooks to a worker's
 * entry).
 */
function newWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./worker.js', here), { workerData });
  // tsx's ESM API (its "import" export of tsx/esm/api), found from its package.json.
  const tsxPackage = pathToFileURL(createRequire(here).resolve('tsx/package.json'));
  const tsxApi = new URL('./dist/esm/api/index.mjs', tsxPackage).href;
  const entry = new URL('./worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Runs the chunks on `count` threads: this one and `count - 1` worker threads. Each worker has up
 * to two chunks queued, so it keeps busy while this thread runs a chunk of its own.
 */
function runInWorkers(
  loaded: LoadedScenario,
  init: WorkerInit,
  chunks: readonly number[][],
  count: number,
  progress: (n: number) => void,
): Promise<SweepResult[]> {
  const results: (SweepResult | undefined)[] = new Array(chunks.length);
  return new Promise((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let settled = false;
    const stop = () => {
      for (const w of pool) void w.terminate();
    };
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      stop();
      reject(e);
    };
    const done = (id: number, result: SweepResult) => {
      results[id] = result;
      finished++;
      try {
        progress(chunks[id]!.length);
      } catch (e) {
        fail(e);
        return;
      }
      if (finished === chunks.length) {
        settled = true;
        stop();
        resolve(results as SweepResult[]);
      }
    };
    const feed = (w: Worker) => {
      if (next >= chunks.length || settled) return;
      const id = next++;
      const req: ChunkRequest = { id, seeds: chunks[id]! };
      w.postMessage(req);
    };
    for (let i = 0; i < count - 1; i++) {
      const w = newWorker({ jobsimSweep: true, init });
      pool.push(w);
      w.on('message', (msg: ChunkResponse) => {
        if (settled) return;
        if ('error' in msg) {
          fail(new SeedError(msg.seed, msg.error));
          return;
        }
        done(msg.id, msg.result);
        feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (!settled) fail(new Error(`sweep worker exited with code ${code} before the sweep finished`));
      });
      feed(w);
      feed(w);
    }
    // This thread takes chunks too, yielding between them so the workers' answers are handled.
    const inline = () => {
      if (settled || next >= chunks.length) return;
      const id = next++;
      try {
        done(id, runChunk(loaded, init.identity, chunks[id]!));
      } catch (e) {
        fail(e);
        return;
      }
      setImmediate(inline);
    };
    setImmediate(inline);
  });
}
