/**
 * Benchmarks: whole simulations measured in wall time, events, events per second and peak
 * memory, next to the bare event queue (the ceiling). Numbers, not pass/fail.
 *
 *   npm run bench            all workloads
 *   npm run bench -- B1      one workload
 */
import { EventQueue } from '../src/engine/queue.js';
import type { BehaviorRule } from '../src/kubelet/behaviors.js';
import { Simulation } from '../src/simulation.js';

interface Row {
  name: string;
  wallMs: number;
  events: number;
  pods: number;
  peakRssMb: number;
  note?: string;
}

let peakRss = 0;
function sampleRss(): void {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}

function job(name: string, completions: number, parallelism: number, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: {
      completions,
      parallelism,
      backoffLimit: 100_000,
      ...extra,
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            { name: 'work', image: 'busybox', resources: { requests: { cpu: '100m', memory: '128Mi' } } },
          ],
        },
      },
    },
  } as const;
}

function runJob(
  label: string,
  opts: {
    completions: number;
    parallelism: number;
    nodes: number;
    behaviors: BehaviorRule[];
    extra?: Record<string, unknown>;
  },
): Row {
  if (global.gc) global.gc();
  peakRss = 0;
  const t0 = performance.now();
  const sim = new Simulation({
    seed: 1,
    nodes: opts.nodes,
    capacity: { cpu: '16', memory: '64Gi', pods: '110' },
    behaviors: opts.behaviors,
    recordHistory: false,
    limit: '1000h',
  });
  sim.apply(job('big', opts.completions, opts.parallelism, opts.extra) as never);
  let n = 0;
  sim.runUntil(() => {
    if (++n % 50_000 === 0) sampleRss();
    return false;
  });
  sampleRss();
  const wallMs = performance.now() - t0;
  const j = sim.get('Job', 'big');
  const cond = j?.status?.conditions?.find(
    (c) => c.status === 'True' && (c.type === 'Complete' || c.type === 'Failed'),
  );
  return {
    name: label,
    wallMs,
    events: sim.engine.eventsProcessed,
    pods: sim.store.count('Pod'),
    peakRssMb: peakRss / 1048576,
    note: `${cond?.type ?? 'unfinished'} at ${sim.clock()} virtual, succeeded ${j?.status?.succeeded ?? 0}`,
  };
}

function ceiling(events: number): Row {
  const q = new EventQueue<number>();
  const t0 = performance.now();
  // Hold model: keep ~1000 pending, like a Job with parallelism 1000.
  let t = 0;
  for (let i = 0; i < 1000; i++) q.push(i, i);
  for (let i = 0; i < events; i++) {
    const x = q.pop()!;
    t = x + 1;
    q.push(t + (i % 997), i);
  }
  return {
    name: 'ceiling (bare queue)',
    wallMs: performance.now() - t0,
    events,
    pods: 0,
    peakRssMb: process.memoryUsage().rss / 1048576,
  };
}

function fmt(r: Row): string {
  const evs = r.events / (r.wallMs / 1000);
  const pps = r.pods / (r.wallMs / 1000);
  return `| ${r.name} | ${r.wallMs.toFixed(0)} | ${r.events} | ${Math.round(evs).toLocaleString('en-US')} | ${r.pods > 0 ? Math.round(pps).toLocaleString('en-US') : '-'} | ${r.peakRssMb.toFixed(0)} | ${r.note ?? ''} |`;
}

const only = process.argv[2];
const rows: Row[] = [];
console.log('| workload | wall ms | events | events/s | pods/s | peak RSS MB | note |');
console.log('|---|---:|---:|---:|---:|---:|---|');
const print = (r: Row) => {
  rows.push(r);
  console.log(fmt(r));
};

if (!only || only === 'F') {
  // Issue 2 foundation workload: 10,000 pods of one Job, parallelism 500, 50 nodes.
  print(
    runJob('F 10k pods, p500, 50 nodes', {
      completions: 10_000,
      parallelism: 500,
      nodes: 50,
      behaviors: [{ run: { kind: 'uniform', minMs: 10_000, maxMs: 60_000 } }],
    }),
  );
}
if (!only || only === 'B1') {
  print(
    runJob('B1 100k completions, p1000, 100 nodes', {
      completions: 100_000,
      parallelism: 1000,
      nodes: 100,
      behaviors: [
        { probability: 0.05, run: { kind: 'uniform', minMs: 10_000, maxMs: 60_000 }, exitCode: 1 },
        { run: { kind: 'uniform', minMs: 10_000, maxMs: 60_000 } },
      ],
    }),
  );
}
const simRow = rows.find((r) => r.name.startsWith('B1')) ?? rows[0];
if (simRow) {
  const c = ceiling(simRow.events);
  print(c);
  const ratio = simRow.events / simRow.wallMs / (c.events / c.wallMs);
  console.log(`\n${simRow.name}: ${(ratio * 100).toFixed(1)}% of the bare queue's events/s`);
}
