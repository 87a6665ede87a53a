/**
 * Measures `kubectl get pods` (and `-o json`, and the server's Table alone) against 10,000 pods.
 * Run: `npx tsx test/serve/tools/bench-10k.ts` (needs kubectl 1.32). Prints wall times; no pass/fail.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Simulation } from '../../../src/simulation.js';
import { http, KUBECTL, start } from '../helpers.js';

const sim = new Simulation({
  nodes: 20,
  capacity: { cpu: '1000', memory: '1000Gi', pods: '1000' },
  recordHistory: false,
});
sim.apply({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'big' },
  spec: {
    parallelism: 10_000,
    completions: 10_000,
    template: {
      metadata: { annotations: { 'jobsim.io/run': 'forever' } },
      spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] },
    },
  },
});
let t = performance.now();
sim.runFor('2m');
console.log(`simulated: ${sim.list('Pod').length} pods in ${(performance.now() - t).toFixed(0)} ms`);
const s = await start(sim);
try {
  for (const accept of [
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    'application/json',
  ]) {
    t = performance.now();
    const r = await http(`${s.server.url}/api/v1/namespaces/default/pods?limit=500`, {
      headers: { Accept: accept },
    });
    console.log(
      `server ${accept.includes('Table') ? 'Table' : 'JSON list'}: ${(performance.now() - t).toFixed(0)} ms, ${(r.body.length / 1e6).toFixed(1)} MB`,
    );
  }
  if (!KUBECTL) throw new Error('kubectl not found');
  const kubectl = KUBECTL;
  const run = async (...args: string[]) => {
    const t0 = performance.now();
    const { stdout } = await promisify(execFile)(
      kubectl,
      ['--kubeconfig', s.kubeconfig, '--cache-dir', `${s.dir}/cache`, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: s.dir }, maxBuffer: 1 << 30 },
    );
    return [performance.now() - t0, stdout.split('\n').length - 1] as const;
  };
  await run('get', 'nodes'); // warm the discovery cache
  for (const args of [
    ['get', 'pods'],
    ['get', 'pods'],
    ['get', 'pods', '-o', 'wide'],
    ['get', 'pods', '-o', 'json'],
  ]) {
    const [ms, rows] = await run(...args);
    console.log(`kubectl ${args.join(' ')}: ${ms.toFixed(0)} ms (${rows} lines)`);
  }
} finally {
  await s.close();
}
