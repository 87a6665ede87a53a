/**
 * Sweep throughput: 10,000 seeds of a 20-pod scenario on 1 and 2 simulation threads, measured two
 * ways, each repeated (median of the rounds). Measures the compiled build (`dist/`).
 *
 * - cold: every configuration is a fresh `jobsim sweep FILE --seeds 1-N --workers W -o json`
 *   process, as a user runs it. Wall time includes Node's start, loading the simulator and each
 *   thread's JIT warm-up (about a second of V8 compiler CPU per thread).
 * - warm: a `SweepPool` of 1 or 2 threads in this process runs a warm-up sweep first, then the
 *   measured one: the throughput of a program that runs many sweeps (a property suite).
 *
 *   npm run bench:sweep                         10000 seeds, 3 rounds
 *   npm run bench:sweep -- 2000 1               2000 seeds, 1 round
 *
 * CPU is the process's CPU over all its threads; CPU/wall near the thread count means the threads
 * really ran in parallel. The benchmark fails (exit 1) if any aggregate differs in any byte.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'sweep', 'sweep.js')))
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
const { SweepPool } = (await import(
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

const child = process.argv[2] === '--child';
const args = process.argv.slice(child ? 3 : 2).map(Number);
const seeds = args[0] ?? 10_000;
const rounds = args[1] ?? 5;
/** Seeds of the warm-up sweep: each thread needs about 2,000 before V8 stops compiling. */
const WARMUP_SEEDS = 4_000;
const dir = mkdtempSync(join(tmpdir(), 'jobsim-bench-'));
const file = join(dir, 'bench.yaml');
writeFileSync(file, SCENARIO);

interface Run {
  wallMs: number;
  cpuMs: number;
  json: string;
}

/** One `jobsim sweep` command in a fresh process; CPU from the child's rusage (all threads). */
function cold(workers: number): Run {
  childCpuMs(); // start counting from here (other children, e.g. the ceiling's, ended before)
  const t0 = performance.now();
  const child = spawnSync(
    process.execPath,
    [
      join(dist, 'cli', 'main.js'),
      'sweep',
      file,
      '--seeds',
      `1-${seeds}`,
      '--workers',
      String(workers),
      '-o',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const wallMs = performance.now() - t0;
  if (child.status !== 0 && child.status !== 1) throw new Error(`jobsim sweep failed: ${child.stderr}`);
  return { wallMs, cpuMs: childCpuMs(), json: normalize(child.stdout) };
}

let lastChildCpu = 0;
/** CPU of the children that ended since the last call: cutime + cstime of /proc/self/stat (Linux). */
function childCpuMs(): number {
  const now = childrenCpuMs();
  const d = now - lastChildCpu;
  lastChildCpu = now;
  return d;
}

function childrenCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const s = readFileSync('/proc/self/stat', 'utf8');
  const f = s.slice(s.indexOf(')') + 2).split(' ');
  // Fields 16 and 17 of stat(5), in clock ticks of 10 ms.
  return (Number(f[13]) + Number(f[14])) * 10;
}

/** The command's JSON, compact (as the library's results are compared). */
function normalize(out: string): string {
  return JSON.stringify(JSON.parse(out));
}

async function warm(workers: number): Promise<Run> {
  const pool = new SweepPool({ workers });
  try {
    await pool.sweep(SCENARIO, { file, seeds: { from: seeds + 1, to: seeds + WARMUP_SEEDS } });
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await pool.sweep(SCENARIO, { file, seeds: { from: 1, to: seeds } });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, json: JSON.stringify(r) };
  } finally {
    await pool.close();
  }
}

/**
 * The machine's ceiling: two independent processes, each a warm 1-thread pool, at the same time.
 * Their combined throughput over one alone is the most any 2-thread sweep could get here (the
 * cores share caches, memory bandwidth and, on a VM, the host).
 */
async function ceiling(): Promise<number> {
  const script = import.meta.filename;
  const runOne = () =>
    new Promise<number>((resolve, reject) => {
      const c = spawn(process.execPath, ['--import', 'tsx', script, '--child', String(seeds)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      c.stdout.on('data', (d) => {
        out += d;
      });
      c.on('exit', (code) =>
        code === 0 ? resolve(Number(out.trim())) : reject(new Error(`child exited ${code}`)),
      );
    });
  const [a, b] = await Promise.all([runOne(), runOne()]);
  return (seeds * 1000) / a + (seeds * 1000) / b;
}

if (child) {
  const r = await warm(1);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${r.wallMs}\n`);
  process.exit(0);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

console.log(
  `sweep benchmark: ${seeds} seeds of a 20-pod scenario, ${rounds} round(s); node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

const results: Record<string, Run[]> = { 'cold 1': [], 'cold 2': [], 'warm 1': [], 'warm 2': [] };
const ceilings: number[] = [];
for (let r = 0; r < rounds; r++) {
  // Alternate the order of the configurations between rounds, so drift in the machine's speed
  // does not favour one of them.
  const order = r % 2 === 0 ? [1, 2] : [2, 1];
  for (const w of order) results[`cold ${w}`]!.push(cold(w));
  for (const w of order) results[`warm ${w}`]!.push(await warm(w));
  ceilings.push((await ceiling()) / ((seeds * 1000) / results['warm 1']!.at(-1)!.wallMs));
}

const reference = results['warm 1']![0]!.json;
let identical = true;
console.log(
  '\nMODE   THREADS   WALL (median)   SEEDS/S   SPEED-UP   CPU       CPU/WALL   ROUNDS (wall; speed-up of each round)',
);
for (const mode of ['cold', 'warm']) {
  const ones = results[`${mode} 1`]!;
  for (const w of [1, 2]) {
    const runs = results[`${mode} ${w}`]!;
    const wall = median(runs.map((r) => r.wallMs));
    // Speed-up: the median over rounds of each round's pair (robust to drift between rounds).
    const speedups = runs.map((r, i) => ones[i]!.wallMs / r.wallMs);
    const cpu = median(runs.map((r) => r.cpuMs));
    if (runs.some((r) => r.json !== reference)) identical = false;
    console.log(
      [
        mode.padEnd(6),
        String(w).padEnd(9),
        `${(wall / 1000).toFixed(2)}s`.padEnd(15),
        String(Math.round((seeds * 1000) / wall)).padEnd(9),
        `${median(speedups).toFixed(2)}x`.padEnd(10),
        `${(cpu / 1000).toFixed(2)}s`.padEnd(9),
        (cpu / wall).toFixed(2).padEnd(10),
        runs.map((r) => `${(r.wallMs / 1000).toFixed(2)}s`).join(' ') +
          (w > 1 ? `; ${speedups.map((x) => `${x.toFixed(2)}x`).join(' ')}` : ''),
      ].join(' '),
    );
  }
}
console.log(
  `\nceiling: two independent warm 1-thread processes together run ${median(ceilings).toFixed(2)}x one alone (rounds: ${ceilings.map((c) => `${c.toFixed(2)}x`).join(' ')})`,
);
console.log(`\nsame aggregate in every run: ${identical ? 'yes' : 'NO'}`);
console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
rmSync(dir, { recursive: true, force: true });
if (!identical) process.exitCode = 1;
