/**
 * Benchmarks: whole simulations measured in wall time, events, events per second, pods per
 * second, peak RSS and retained bytes per pod, next to the bare event queue (the ceiling).
 * Numbers, not pass/fail. Medians of several runs.
 *
 *   npm run bench                 every workload
 *   npm run bench -- B1 B5        some workloads
 *   npm run bench -- --runs 5     more runs per workload
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BehaviorRule } from '../src/kubelet/behaviors.js';

// Measure what users run: the compiled build (tsc output), not the sources through tsx.
const dist = join(import.meta.dirname, '..', 'dist');
if (!existsSync(join(dist, 'simulation.js'))) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(import.meta.dirname, '..') });
}
const load = async <T>(p: string): Promise<T> => (await import(pathToFileURL(join(dist, p)).href)) as T;
const { Simulation } = await load<typeof import('../src/simulation.js')>('simulation.js');
const { EventQueue } = await load<typeof import('../src/engine/queue.js')>('engine/queue.js');
const { Rng } = await load<typeof import('../src/engine/random.js')>('engine/random.js');

interface Row {
  name: string;
  wallMs: number;
  events: number;
  pods: number;
  peakRssMb: number;
  bytesPerPod?: number | undefined;
  note?: string;
}

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
const only = args.filter((a, i) => !a.startsWith('--') && (runsArg < 0 || i !== runsArg + 1));
const want = (name: string) => only.length === 0 || only.includes(name);

let peakRss = 0;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const gc = () => {
  if (global.gc) global.gc();
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const container = {
  name: 'work',
  image: 'busybox',
  resources: { requests: { cpu: '100m', memory: '128Mi' } },
};

function jobManifest(name: string, spec: Record<string, unknown>) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [container] } } },
  } as never;
}

const uniform = (minMs: number, maxMs: number) => ({ kind: 'uniform' as const, minMs, maxMs });

/** Runs one simulation to the end; returns the row. */
function simulate(
  name: string,
  opts: { nodes: number; behaviors: BehaviorRule[]; jobs: unknown[]; retention?: number },
): Row {
  gc();
  const base = process.memoryUsage().heapUsed;
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const sim = new Simulation({
    seed: 1,
    nodes: opts.nodes,
    capacity: { cpu: '16', memory: '64Gi', pods: '110' },
    behaviors: opts.behaviors,
    recordHistory: false,
    limit: '10000h',
    terminatedPodGcThreshold: opts.retention ?? 0,
  });
  for (const j of opts.jobs) sim.apply(j as never);
  let n = 0;
  sim.runUntil(() => {
    if (++n % 20_000 === 0) sampleRss();
    return false;
  });
  const wallMs = performance.now() - t0;
  sampleRss();
  gc();
  const retained = process.memoryUsage().heapUsed - base;
  const pods = sim.store.count('Pod');
  const jobs = sim.store.list('Job');
  const outcome = new Map<string, number>();
  for (const j of jobs) {
    const c = j.status?.conditions?.find(
      (x) => x.status === 'True' && (x.type === 'Complete' || x.type === 'Failed'),
    );
    const k = c ? `${c.type}${c.type === 'Failed' ? `/${c.reason}` : ''}` : 'unfinished';
    outcome.set(k, (outcome.get(k) ?? 0) + 1);
  }
  const created = jobs.reduce((a, j) => a + (j.status?.succeeded ?? 0) + (j.status?.failed ?? 0), 0);
  return {
    name,
    wallMs,
    events: sim.engine.eventsProcessed,
    pods: Math.max(pods, created),
    peakRssMb: peakRss / 1048576,
    // Retained bytes per pod mean something only with many pods (GC noise swamps a handful).
    bytesPerPod: pods >= 100 ? retained / pods : undefined,
    note: `${[...outcome].map(([k, v]) => `${v} ${k}`).join(', ')} at ${sim.clock()} virtual`,
  };
}

function medianRow(rows: Row[]): Row {
  const m = median(rows.map((r) => r.wallMs));
  const r = rows.find((x) => x.wallMs === m)!;
  return { ...r, note: `${r.note ?? ''}${rows.length > 1 ? ` (median of ${rows.length})` : ''}` };
}

function repeat(n: number, f: () => Row): Row {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push(f());
  return medianRow(rows);
}

function b1(completions: number): Row {
  return simulate(`B1 big job ${completions / 1000}k completions`, {
    nodes: 100,
    behaviors: [
      { probability: 0.05, run: uniform(10_000, 60_000), exitCode: 1 },
      { run: uniform(10_000, 60_000) },
    ],
    jobs: [jobManifest('big', { completions, parallelism: 1000, backoffLimit: 100_000 })],
  });
}

function ceiling(events: number): Row {
  const q = new EventQueue<number>();
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) q.push(i, i);
  for (let i = 0; i < events; i++) {
    const x = q.pop()!;
    q.push(x + 1 + (i % 997), i);
  }
  return {
    name: 'ceiling: bare queue, same events as B1',
    wallMs: performance.now() - t0,
    events,
    pods: 0,
    peakRssMb: process.memoryUsage().rss / 1048576,
  };
}

function fmt(r: Row): string {
  const evs = r.events / (r.wallMs / 1000);
  const pps = r.pods / (r.wallMs / 1000);
  const bpp = r.bytesPerPod === undefined ? '-' : Math.round(r.bytesPerPod).toLocaleString('en-US');
  return `| ${r.name} | ${r.wallMs.toFixed(0)} | ${r.events.toLocaleString('en-US')} | ${Math.round(evs).toLocaleString('en-US')} | ${r.pods > 0 ? Math.round(pps).toLocaleString('en-US') : '-'} | ${r.peakRssMb.toFixed(0)} | ${bpp} | ${r.note ?? ''} |`;
}

console.log(`Node ${process.version}, ${RUNS} run(s) per workload\n`);
console.log('| workload | wall ms | events | events/s | pods/s | peak RSS MB | bytes/retained pod | note |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|');
const print = (r: Row) => console.log(fmt(r));
const summary: string[] = [];
/** The issue's targets, as checked: name and whether it was met. */
const targets: { name: string; met: boolean }[] = [];
const target = (name: string, met: boolean) => targets.push({ name, met });

let b1Row: Row | undefined;
if (want('B1')) {
  b1Row = repeat(RUNS, () => b1(100_000));
  print(b1Row);
  target('B1 <= 1 s', b1Row.wallMs <= 1000);
  target('B1 RSS <= 1 GiB', b1Row.peakRssMb <= 1024);
  target('B1 <= 2 KiB per pod', (b1Row.bytesPerPod ?? Number.POSITIVE_INFINITY) <= 2048);
}
if (want('B2')) {
  const row = repeat(RUNS, () =>
    simulate('B2 indexed 20k, backoffLimitPerIndex 2', {
      nodes: 50,
      behaviors: [
        { probability: 0.1, exitCode: 1, run: uniform(10_000, 60_000) },
        { run: uniform(10_000, 60_000) },
      ],
      jobs: [
        jobManifest('indexed', {
          completionMode: 'Indexed',
          completions: 20_000,
          parallelism: 500,
          backoffLimitPerIndex: 2,
        }),
      ],
    }),
  );
  print(row);
  target('B2 <= 0.5 s', row.wallMs <= 500);
}
if (want('B3')) {
  const row = repeat(RUNS, () =>
    simulate('B3 5,000 jobs x 3 completions', {
      nodes: 50,
      behaviors: [{ run: uniform(10_000, 60_000) }],
      jobs: Array.from({ length: 5000 }, (_, i) =>
        jobManifest(`job-${i}`, { completions: 3, parallelism: 3 }),
      ),
    }),
  );
  print(row);
  target('B3 <= 1 s', row.wallMs <= 1000);
}
if (want('B4')) {
  // 1,000 generated 20-pod scenarios, setup included: per-run median and p99.
  const times: number[] = [];
  let events = 0;
  const rng = new Rng(4);
  const t0 = performance.now();
  for (let i = 0; i < 1000; i++) {
    const s = performance.now();
    const parallelism = 1 + rng.intBelow(5);
    const sim = new Simulation({
      seed: i,
      nodes: 1 + rng.intBelow(3),
      behaviors: [
        { probability: rng.nextFloat() * 0.3, exitCode: 1, run: uniform(1000, 30_000) },
        { run: uniform(1000, 30_000) },
      ],
      recordHistory: false,
    });
    sim.apply(jobManifest('p', { completions: 20, parallelism, backoffLimit: 20 }));
    sim.runUntilIdle();
    events += sim.engine.eventsProcessed;
    times.push(performance.now() - s);
  }
  const wallMs = performance.now() - t0;
  print({
    name: 'B4 property loop: 1,000 x 20-pod scenarios',
    wallMs,
    events,
    pods: 20_000,
    peakRssMb: process.memoryUsage().rss / 1048576,
    note: `per run median ${median(times).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`,
  });
  target('B4 median <= 1 ms', median(times) <= 1);
}
if (want('B5')) {
  const times: number[] = [];
  let last: Row | undefined;
  for (let i = 0; i < Math.max(RUNS, 20); i++) {
    last = simulate('B5 backoff: one pod failing 7 times', {
      nodes: 1,
      behaviors: [{ run: { kind: 'fixed', ms: 1000 }, exitCode: 1 }],
      jobs: [jobManifest('b5', { backoffLimit: 6 })],
    });
    times.push(last.wallMs);
  }
  print({ ...last!, wallMs: median(times), note: `${last!.note} (median of ${times.length})` });
  target('B5 <= 5 ms', median(times) <= 5);
}
if (want('B6')) {
  const cli = join(root, 'dist', 'cli', 'main.js');
  if (!existsSync(cli)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  const times: number[] = [];
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    const s = performance.now();
    execFileSync(process.execPath, [cli, 'run', 'sim/pi.yaml'], { cwd: root });
    times.push(performance.now() - s);
  }
  print({
    name: 'B6 start-up: jobsim run sim/pi.yaml (whole process)',
    wallMs: median(times),
    events: 0,
    pods: 1,
    peakRssMb: 0,
    note: `median of ${times.length}`,
  });
  target('B6 <= 300 ms', median(times) <= 300);
}
if (want('B1') && b1Row) {
  const c = ceiling(b1Row.events);
  print(c);
  const ratio = b1Row.events / b1Row.wallMs / (c.events / c.wallMs);
  summary.push(`B1 runs at ${(ratio * 100).toFixed(2)}% of the bare queue's events/s`);
  target('B1 >= 20% of the bare queue', ratio >= 0.2);
}
if (want('scaling')) {
  const per: string[] = [];
  const perPod = new Map<number, number>();
  for (const n of [10_000, 30_000, 100_000, 300_000]) {
    const r = n === 100_000 && b1Row ? b1Row : b1(n);
    if (!(n === 100_000 && b1Row)) print(r);
    perPod.set(n, r.wallMs / n);
    per.push(`${n / 1000}k: ${((r.wallMs * 1000) / n).toFixed(1)} µs/pod`);
  }
  const growth = perPod.get(300_000)! / perPod.get(10_000)!;
  summary.push(`scaling (time per pod): ${per.join(', ')}; 300k is ${growth.toFixed(2)}x of 10k`);
  target('scaling: 300k within 1.5x of 10k per pod', growth <= 1.5);
}
console.log('');
for (const s of summary) console.log(s);
const met = targets.filter((t) => t.met).map((t) => t.name);
const missed = targets.filter((t) => !t.met).map((t) => t.name);
console.log(
  `summary: ${met.length} of ${targets.length} targets met` +
    (met.length > 0 ? `; met: ${met.join(', ')}` : '') +
    (missed.length > 0 ? `; missed: ${missed.join(', ')}` : ''),
);
