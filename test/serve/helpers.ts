/**
 * Helpers of the `jobsim serve` tests: an in-process server on an ephemeral port, the real
 * kubectl 1.32 with a fresh HOME and cache dir, and small HTTP requests.
 */
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JobsimServer, type ServeOptions, serve } from '../../src/serve/server.js';
import type { SimulationOptions } from '../../src/simulation.js';
import { Simulation } from '../../src/simulation.js';

export const ROOT = join(import.meta.dirname, '..', '..');

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * kubectl 1.32 (the gcloud SDK's pinned binary), else `kubectl` on PATH; undefined when absent.
 * `JOBSIM_KUBECTL=/path/to/kubectl` picks another one; `JOBSIM_KUBECTL=none` pretends there is none.
 */
export const KUBECTL: string | undefined = (() => {
  const chosen = process.env.JOBSIM_KUBECTL;
  if (chosen === 'none') return undefined;
  if (chosen !== undefined && chosen !== '') return chosen;
  const pinned = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
  if (executable(pinned)) return pinned;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir !== '' && executable(join(dir, 'kubectl'))) return join(dir, 'kubectl');
  }
  return undefined;
})();

export const NO_KUBECTL =
  'kubectl not found (neither /usr/lib/google-cloud-sdk/bin/kubectl.1.32 nor kubectl on PATH): the kubectl end-to-end tests did not run';

/** A served simulation with a private kubeconfig and kubectl home. */
export interface Served {
  readonly sim: Simulation;
  readonly server: JobsimServer;
  readonly dir: string;
  readonly kubeconfig: string;
  close(): Promise<void>;
}

/** Serves a simulation (paused by default) on 127.0.0.1:0. */
export async function start(
  sim: Simulation = new Simulation({ nodes: 1, recordHistory: false }),
  options: ServeOptions = {},
): Promise<Served> {
  const server = await serve(sim, { paused: true, warn: () => {}, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'jobsim-serve-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, server.kubeconfig);
  return {
    sim,
    server,
    dir,
    kubeconfig,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds a simulation with options. */
export function simulation(options: SimulationOptions = {}): Simulation {
  return new Simulation({ nodes: 1, recordHistory: false, ...options });
}

/** What a kubectl run printed. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function kubectlArgs(s: Served, args: readonly string[]): string[] {
  return ['--kubeconfig', s.kubeconfig, '--cache-dir', join(s.dir, 'cache'), ...args];
}

function kubectlEnv(s: Served): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: s.dir, KUBECONFIG: s.kubeconfig };
}

/** Runs kubectl against a served simulation (20 s at most). */
export function kubectl(s: Served, ...args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL!,
      kubectlArgs(s, args),
      { cwd: ROOT, env: kubectlEnv(s), timeout: 20_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A long-running kubectl (e.g. `get -w`) whose output can be awaited line by line. */
export interface KubectlStream {
  /** Resolves when stdout matches (rejects after `timeoutMs`). */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  output(): string;
  /** Stops the process (SIGTERM to its pid) and resolves when it has exited. */
  stop(): Promise<void>;
}

/** Starts kubectl in the background. */
export function kubectlStream(s: Served, ...args: string[]): KubectlStream {
  const child = spawn(KUBECTL!, kubectlArgs(s, args), { cwd: ROOT, env: kubectlEnv(s) });
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    output: () => out,
    waitFor(re, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${re} in:\n${out}`)),
          timeoutMs,
        );
        const check = () => {
          if (re.test(out)) {
            clearTimeout(timer);
            resolve(out);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An HTTP request to the server: status, headers and body text. */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Advances a paused server's clock. */
export async function advance(s: Served, by: string): Promise<void> {
  const r = await http(`${s.server.url}/jobsim/v1/clock/advance?by=${by}`, { method: 'POST' });
  if (r.status !== 200) throw new Error(`advance failed: ${r.status} ${r.body}`);
}
