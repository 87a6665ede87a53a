/**
 * Soak test: runs many generated scenarios (default 10,000) and counts invariant violations,
 * exceptions and determinism mismatches; all three must be zero. Failing scenarios are written
 * to .jobsim-failures/ for `jobsim run`.
 *
 *   npm run test:soak                       # 10,000 scenarios, seed 1, one worker per CPU
 *   npm run test:soak -- --count 500 --seed 7 --workers 1 --size large   (small|large|mixed)
 *   npm run test:soak -- --fault skipBackoff   # prove the soak catches a broken controller
 *   npm run test:soak -- --replay FILE [--fault skipBackoff]   # check one scenario file
 *   npm run test:soak -- --sweep-seeds 2000   # seeds per example in the sweep stage (0: skip it)
 *
 * The sweep stage then sweeps every example scenario in sim/ with the library's SweepPool on all
 * the workers: each aggregate must be byte-identical to the same sweep on one thread, and each
 * sweep's first failing seed must replay, with the same failures, under `runScenario`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import * as fc from 'fast-check';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/scenario/run.js';
import { SweepPool, sweep } from '../src/sweep/sweep.js';
import { scenario } from '../src/testing/arbitraries.js';
import { compareTraces } from '../src/testing/determinism.js';
import { checkInvariants, formatViolations } from '../src/testing/invariants.js';
import { checkScenario, type JobControllerFaults, runWithFaults } from '../src/testing/run.js';

interface Job {
  readonly from: number;
  readonly to: number;
  readonly step: number;
  readonly seed: number;
  readonly faults: JobControllerFaults;
  readonly outDir: string;
  readonly size: string;
}

interface Tally {
  scenarios: number;
  events: number;
  exceptions: number;
  mismatches: number;
  violating: number;
  byInvariant: Record<string, number>;
  ends: Record<string, number>;
  failures: string[];
}

const SMALL = scenario();
const LARGE = scenario({ maxJobs: 3, maxSteps: 10, maxCompletions: 6, maxParallelism: 4, maxBehaviors: 4 });

/** Scenario i of a soak: deterministic in (seed, i); every fourth one is larger. */
function scenarioAt(seed: number, i: number, size: string) {
  const large = size === 'large' || (size === 'mixed' && i % 4 === 3);
  return fc.sample(large ? LARGE : SMALL, { seed: seed * 1_000_003 + i, numRuns: 1 })[0]!;
}

function work(job: Job): Tally {
  const t: Tally = {
    scenarios: 0,
    events: 0,
    exceptions: 0,
    mismatches: 0,
    violating: 0,
    byInvariant: {},
    ends: {},
    failures: [],
  };
  const keep = (i: number, yaml: string, why: string) => {
    if (t.failures.length >= 20) return;
    mkdirSync(job.outDir, { recursive: true });
    const file = join(job.outDir, `soak-seed${job.seed}-${i}.yaml`);
    writeFileSync(
      file,
      `# jobsim soak failure (seed ${job.seed}, scenario ${i})\n${why.replace(/^/gm, '# ')}\n${yaml}`,
    );
    t.failures.push(`${file}: ${why.split('\n')[0]}`);
  };
  for (let i = job.from; i < job.to; i += job.step) {
    const s = scenarioAt(job.seed, i, job.size);
    t.scenarios++;
    try {
      const first = checkScenario(s, { faults: job.faults });
      const trace = first.result.sim.trace();
      t.events += trace.length;
      t.ends[first.result.end.reason] = (t.ends[first.result.end.reason] ?? 0) + 1;
      if (first.violations.length > 0) {
        t.violating++;
        for (const v of first.violations) t.byInvariant[v.invariant] = (t.byInvariant[v.invariant] ?? 0) + 1;
        keep(i, s.yaml, formatViolations(first.violations));
      }
      const second = runWithFaults(loadScenario(s.yaml), { faults: job.faults });
      const cmp = compareTraces(trace, second.sim.trace());
      if (!cmp.deterministic) {
        t.mismatches++;
        keep(i, s.yaml, `determinism: trace line ${cmp.difference!.index} differs`);
      }
    } catch (e) {
      t.exceptions++;
      keep(i, s.yaml, `exception: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  return t;
}

function merge(a: Tally, b: Tally): Tally {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    scenarios: a.scenarios + b.scenarios,
    events: a.events + b.events,
    exceptions: a.exceptions + b.exceptions,
    mismatches: a.mismatches + b.mismatches,
    violating: a.violating + b.violating,
    byInvariant: add(a.byInvariant, b.byInvariant),
    ends: add(a.ends, b.ends),
    failures: [...a.failures, ...b.failures],
  };
}

interface SweepTally {
  scenarios: number;
  runs: number;
  identical: number;
  replayed: number;
  failingSeeds: number;
  problems: string[];
}

/**
 * Sweeps each example scenario over `seeds` seeds on a pool of `workers` threads, and checks the
 * aggregate against one thread and the first failing seed against a replay.
 */
async function sweepStage(seeds: number, workers: number): Promise<SweepTally> {
  const dir = join(import.meta.dirname, '..', 'sim');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const t: SweepTally = { scenarios: 0, runs: 0, identical: 0, replayed: 0, failingSeeds: 0, problems: [] };
  const pool = new SweepPool({ workers });
  try {
    for (const f of files) {
      const file = `sim/${f}`;
      const loaded = loadScenario(readFileSync(join(dir, f), 'utf8'), file);
      const options = { seeds: { from: 1, to: seeds } };
      const many = await pool.sweep(loaded, options);
      const one = await sweep(loaded, { ...options, workers: 1 });
      t.scenarios++;
      t.runs += many.runs;
      if (JSON.stringify(many) === JSON.stringify(one)) t.identical++;
      else t.problems.push(`${file}: the aggregate on ${workers} threads differs from one thread`);
      const first = many.failingSeeds[0];
      if (first) {
        t.failingSeeds++;
        const replay = runScenario(loaded, { seed: first.seed, recordHistory: false });
        const failures = replay.checks.flatMap((c) => c.failures).slice(0, first.failures.length);
        if (!replay.ok && JSON.stringify(failures) === JSON.stringify(first.failures)) t.replayed++;
        else t.problems.push(`${file}: failing seed ${first.seed} does not replay (${first.command})`);
      }
    }
  } finally {
    await pool.close();
  }
  return t;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: String(Math.max(1, availableParallelism())) },
      fault: { type: 'string', multiple: true, default: [] },
      replay: { type: 'string' },
      out: { type: 'string', default: '.jobsim-failures' },
      size: { type: 'string', default: 'mixed' },
      'sweep-seeds': { type: 'string', default: '500' },
    },
  });
  const faults: Record<string, boolean> = {};
  for (const f of values.fault ?? []) faults[f] = true;
  if (values.replay) {
    const loaded = loadScenario(readFileSync(values.replay, 'utf8'), values.replay);
    const result = runWithFaults(loaded, { faults });
    const v = checkInvariants(result.sim.trace());
    console.log(`${values.replay}: ${result.end.reason} at ${result.end.time}ms, ${v.length} violation(s)`);
    if (v.length > 0) console.log(formatViolations(v));
    return v.length > 0 ? 1 : 0;
  }
  const count = Number(values.count);
  const seed = Number(values.seed);
  const workers = Math.max(1, Math.min(Number(values.workers), count));
  const started = performance.now();
  console.log(
    `soak: ${count} generated scenarios, seed ${seed}, ${workers} worker(s)${Object.keys(faults).length > 0 ? `, faults ${JSON.stringify(faults)}` : ''}`,
  );
  const jobs: Job[] = [...Array(workers).keys()].map((w) => ({
    from: w,
    to: count,
    step: workers,
    seed,
    faults,
    outDir: values.out!,
    size: values.size!,
  }));
  let total: Tally;
  if (workers === 1) {
    total = work(jobs[0]!);
  } else {
    const results = await Promise.all(
      jobs.map(
        (job) =>
          new Promise<Tally>((resolve, reject) => {
            // Workers load this file through tsx's loader, registered in the worker itself.
            const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
            const w = new Worker(code, { eval: true, workerData: job });
            w.once('message', resolve);
            w.once('error', reject);
          }),
      ),
    );
    total = results.reduce(merge);
  }
  const wall = (performance.now() - started) / 1000;
  console.log(`scenarios:              ${total.scenarios}`);
  console.log(`trace events:           ${total.events}`);
  console.log(`run ends:               ${JSON.stringify(total.ends)}`);
  console.log(`invariant violations:   ${total.violating} scenario(s) ${JSON.stringify(total.byInvariant)}`);
  console.log(`exceptions:             ${total.exceptions}`);
  console.log(`determinism mismatches: ${total.mismatches}`);
  console.log(
    `wall time:              ${wall.toFixed(1)}s (${(total.scenarios / wall).toFixed(0)} scenarios/s, 2 runs each)`,
  );
  for (const f of total.failures) console.log(`  ${f}`);
  let sweepProblems = 0;
  const sweepSeeds = Number(values['sweep-seeds']);
  if (sweepSeeds > 0) {
    const t0 = performance.now();
    const st = await sweepStage(sweepSeeds, workers);
    const s = (performance.now() - t0) / 1000;
    console.log(
      `sweeps:                 ${st.scenarios} examples x ${sweepSeeds} seeds on ${workers} thread(s): ${st.runs} runs, ` +
        `aggregate identical to 1 thread ${st.identical}/${st.scenarios}, first failing seed replays ${st.replayed}/${st.failingSeeds} ` +
        `(${s.toFixed(1)}s, each sweep run twice)`,
    );
    for (const p of st.problems) console.log(`  ${p}`);
    sweepProblems = st.problems.length;
  }
  return total.violating + total.exceptions + total.mismatches + sweepProblems > 0 ? 1 : 0;
}

if (isMainThread) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
} else {
  parentPort!.postMessage(work(workerData as Job));
}
