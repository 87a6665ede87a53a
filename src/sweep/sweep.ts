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
import { type ChunkResponse, runChunk, SeedError, type WorkerInit, type WorkerRequest } from './chunk.js';
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
  const pool = new SweepPool({ workers: options.workers ?? 'auto' });
  try {
    return await pool.sweep(scenario, options);
  } finally {
    await pool.close();
  }
}

/** What a sweep runs, checked: the scenario, the identity of its result, its seeds. */
interface SweepPlan {
  readonly loaded: LoadedScenario;
  readonly identity: SweepIdentity;
  readonly seeds: readonly number[];
  readonly shard: Shard | undefined;
}

function planSweep(scenario: string | LoadedScenario, options: SweepOptions): SweepPlan {
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
  return { loaded, identity, seeds: shardSeeds(spec, shard), shard };
}

/** The result of a plan from its chunks' results, in chunk (= seed) order. */
function combine(plan: SweepPlan, parts: readonly SweepResult[]): SweepResult {
  const acc = new Accumulator(plan.identity);
  for (const p of parts) acc.addResult(p);
  const shard = plan.shard;
  return acc.result(shard && shard.count > 1 ? { count: shard.count, indexes: [shard.index] } : undefined);
}

function progressCounter(total: number, onProgress: SweepOptions['onProgress']): (n: number) => void {
  let done = 0;
  return (n) => {
    done += n;
    onProgress?.({ done, total });
  };
}

async function runInline(plan: SweepPlan, onProgress: SweepOptions['onProgress']): Promise<SweepResult[]> {
  const progress = progressCounter(plan.seeds.length, onProgress);
  const parts: SweepResult[] = [];
  for (const c of chunk(plan.seeds, 1)) {
    parts.push(runChunk(plan.loaded, plan.identity, c));
    progress(c.length);
    // Let the event loop breathe between chunks (progress output, signals).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return parts;
}

/** Options of {@link SweepPool}. */
export interface SweepPoolOptions {
  /** Simulation threads: a number, or 'auto' (default) for the available parallelism. */
  readonly workers?: 'auto' | number;
}

/**
 * Simulation threads kept across sweeps: this thread plus `workers - 1` worker threads, started
 * at the first sweep that needs them. Each thread compiles the simulator once (V8's JIT needs
 * about a second of CPU per thread), so a program that runs many sweeps (a property suite, a
 * parameter study) pays that once instead of at every sweep. Results are identical to
 * {@link sweep}. Sweeps on one pool run one after the other. Idle workers do not keep the process
 * alive; {@link SweepPool.close} ends them.
 *
 * @example
 * ```ts
 * const pool = new SweepPool({ workers: 'auto' });
 * try {
 *   for (const limit of [0, 1, 2, 4]) {
 *     const r = await pool.sweep(withBackoffLimit(text, limit), { seeds: { from: 1, to: 10_000 } });
 *     console.log(limit, r.passRate);
 *   }
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export class SweepPool {
  /** Simulation threads, this one included. */
  readonly threads: number;
  private workers: Worker[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private nextSweep = 1;
  private closed = false;

  /** @throws SweepInputError for a bad `workers`. */
  constructor(options: SweepPoolOptions = {}) {
    this.threads = resolveWorkers(options.workers ?? 'auto');
  }

  /**
   * Runs one sweep (see {@link sweep}; `options.workers` is ignored: the pool's threads run it).
   * @throws as {@link sweep}; an Error once the pool is closed.
   */
  sweep(scenario: string | LoadedScenario, options: SweepOptions): Promise<SweepResult> {
    const run = this.queue.then(() => this.runNow(scenario, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the worker threads. Later sweeps are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private async runNow(scenario: string | LoadedScenario, options: SweepOptions): Promise<SweepResult> {
    if (this.closed) throw new Error('this SweepPool is closed');
    const plan = planSweep(scenario, options);
    const threads = Math.min(this.threads, plan.seeds.length);
    const parts =
      threads <= 1
        ? await runInline(plan, options.onProgress)
        : await this.runInWorkers(plan, this.workersFor(threads - 1), options.onProgress);
    return combine(plan, parts);
  }

  /** `n` workers, started as needed (a sweep of few seeds starts no more than it uses). */
  private workersFor(n: number): Worker[] {
    while (this.workers.length < n) this.workers.push(this.startWorker());
    return this.workers.slice(0, n);
  }

  /**
   * A new worker. Its own listeners keep the pool's list current: a worker that ends leaves the
   * pool (the next sweep starts another), and an error outside a sweep does not become an
   * unhandled 'error' event. A sweep in progress hears both through its own listeners.
   */
  private startWorker(): Worker {
    const w = newWorker({ jobsimSweep: true });
    w.on('error', () => undefined);
    w.on('exit', () => {
      this.workers = this.workers.filter((x) => x !== w);
    });
    w.unref();
    return w;
  }

  private runInWorkers(
    plan: SweepPlan,
    workers: readonly Worker[],
    onProgress: SweepOptions['onProgress'],
  ): Promise<SweepResult[]> {
    const sweepId = this.nextSweep++;
    const chunks = chunk(plan.seeds, workers.length + 1);
    const progress = progressCounter(plan.seeds.length, onProgress);
    const results: (SweepResult | undefined)[] = new Array(chunks.length);
    return new Promise((resolve, reject) => {
      let next = 0;
      let finished = 0;
      let settled = false;
      const detach: (() => void)[] = [];
      const settle = (error?: unknown) => {
        if (settled) return;
        settled = true;
        for (const d of detach) d();
        if (error === undefined) resolve(results as SweepResult[]);
        else reject(error);
      };
      // A worker that fails leaves the pool in an unknown state: end all of them (the next
      // sweep starts new ones).
      const broken = (error: unknown) => {
        const all = this.workers;
        this.workers = [];
        for (const w of all) void w.terminate();
        settle(error);
      };
      const done = (id: number, result: SweepResult) => {
        results[id] = result;
        finished++;
        try {
          progress(chunks[id]!.length);
        } catch (e) {
          settle(e);
          return;
        }
        if (finished === chunks.length) settle();
      };
      const feed = (w: Worker) => {
        if (next >= chunks.length || settled) return;
        const id = next++;
        const req: WorkerRequest = { type: 'chunk', sweep: sweepId, id, seeds: chunks[id]! };
        w.postMessage(req);
      };
      const init: WorkerInit = { loaded: plan.loaded, identity: plan.identity };
      for (const w of workers) {
        const onMessage = (msg: ChunkResponse) => {
          if (settled || msg.sweep !== sweepId) return; // answers to an abandoned sweep
          if ('error' in msg) {
            settle(new SeedError(msg.seed, msg.error));
            return;
          }
          done(msg.id, msg.result);
          feed(w);
        };
        const onError = (e: unknown) => broken(e);
        const onExit = (code: number) =>
          broken(
            new Error(
              this.closed
                ? 'the SweepPool was closed during the sweep'
                : `sweep worker exited with code ${code} before the sweep finished`,
            ),
          );
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.ref();
        detach.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          w.unref();
        });
        const load: WorkerRequest = { type: 'load', sweep: sweepId, init };
        w.postMessage(load);
        // Two chunks each, so that a worker never waits for this thread to hand out the next.
        feed(w);
        feed(w);
      }
      // This thread takes chunks too, yielding between them so the workers' answers are handled.
      const inline = () => {
        if (settled || next >= chunks.length) return;
        const id = next++;
        try {
          done(id, runChunk(plan.loaded, plan.identity, chunks[id]!));
        } catch (e) {
          settle(e);
          return;
        }
        setImmediate(inline);
      };
      setImmediate(inline);
    });
  }
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
