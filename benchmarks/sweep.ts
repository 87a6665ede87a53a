/**
 * Sweep throughput: 10,000 seeds of a 20-pod scenario with 1 simulation thread (this one) and
 * with 2 (this one and a worker thread); seeds per second, speed-up, and a check that both
 * aggregates are identical. Measures the compiled build (`dist/`), as `jobsim sweep` runs.
 *
 *   npm run bench:sweep                                 10000 seeds, workers 1 and 2
 *   npm run bench:sweep -- 2000 1 2 4                   2000 seeds, workers 1, 2 and 4
 *
 * Wall time includes starting the worker threads and their JIT warm-up.
 * CPU time is the whole process's (every thread): CPU / wall near the worker count means the
 * workers really ran in parallel; well below it means the machine was busy with other work.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = join(import.meta.dirname, '..', 'dist');
if (!existsSync(join(dist, 'sweep', 'sweep.js'))) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: join(import.meta.dirname, '..') });
}
const { sweep } = (await import(
  pathToFileURL(join(dist, 'sweep', 'sweep.js')).href
)) as typeof import('../src/sweep/sweep.js');

const SCENARIO = `
apiVersion: batch/v1
kind: Job
metadata:
  name: work
spec:
  completions: 20
  parallelism: 5
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        resources:
          requests: {cpu: 500m, memory: 256Mi}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
metadata:
  name: bench-20-pods
spec:
  cluster: {nodes: 2}
  behaviors:
  - probability: 0.05
    run: {uniform: [5s, 30s]}
    exitCode: 1
  - run: {uniform: [20s, 40s]}
  expect:
  - job: work
    conditions: [{type: Complete, status: "True"}]
`;

const args = process.argv.slice(2).map(Number);
const seeds = args[0] ?? 10_000;
const workerCounts = args.length > 1 ? args.slice(1) : [1, 2];

interface Row {
  workers: number;
  wallMs: number;
  cpuMs: number;
  json: string;
}

async function measure(workers: number): Promise<Row> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await sweep(SCENARIO, { file: 'bench.yaml', seeds: { from: 1, to: seeds }, workers });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { workers, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, json: JSON.stringify(r) };
}

console.log(
  `sweep benchmark: ${seeds} seeds of a 20-pod scenario; node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
// No warm-up: each configuration starts cold, as a `jobsim sweep` command does (1 worker runs in
// this thread and JITs the simulator here; each worker thread loads and JITs its own copy).
const rows: Row[] = [];
for (const w of workerCounts) rows.push(await measure(w));
const base = rows[0]!;
console.log('\nWORKERS   WALL      SEEDS/S   SPEED-UP   CPU       CPU/WALL   SAME AGGREGATE');
for (const r of rows) {
  console.log(
    [
      String(r.workers).padEnd(9),
      `${(r.wallMs / 1000).toFixed(2)}s`.padEnd(9),
      String(Math.round((seeds * 1000) / r.wallMs)).padEnd(9),
      `${(base.wallMs / r.wallMs).toFixed(2)}x`.padEnd(10),
      `${(r.cpuMs / 1000).toFixed(2)}s`.padEnd(9),
      (r.cpuMs / r.wallMs).toFixed(2).padEnd(10),
      r.json === base.json ? 'yes' : 'NO',
    ].join(' '),
  );
}
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
if (rows.some((r) => r.json !== base.json)) process.exitCode = 1;
