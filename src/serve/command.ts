/**
 * The `jobsim serve` and `jobsim clock` commands.
 *
 * `jobsim serve [FILE]` loads a scenario file (or starts an empty one-node cluster), serves it
 * with {@link serve}, writes a kubeconfig to a temporary folder and prints how to use it;
 * `jobsim clock advance 30s` / `jobsim clock run --until-idle` move a paused server's clock.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiError } from '../api/errors.js';
import { DurationError, parseDuration } from '../engine/duration.js';
import { KUBERNETES_VERSION } from '../profile.js';
import { type LoadedScenario, loadScenario, ScenarioError } from '../scenario/load.js';
import { InvalidScenarioObjectsError, Simulation } from '../simulation.js';
import type { ClockStatus } from './clock.js';
import { serverOf } from './kubeconfig.js';
import { type JobsimServer, serve } from './server.js';

/** Output streams of a command, and (for tests) a signal that stops `serve`. */
export interface ServeIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Aborting it stops the server, as SIGINT/SIGTERM do. */
  signal?: AbortSignal;
}

const SERVE_HELP = `Serve a simulated cluster to kubectl and Kubernetes clients, on the virtual clock.

Usage: jobsim serve [FILE] [--port N] [--address A] [--speed X | --paused] [--kubeconfig PATH]
                    [--seed N] [--start-time T|now] [-v]

  FILE            scenario file (manifests, optional Scenario document); default: an empty 1-node cluster
  --port N        TCP port (default: a free one)
  --address A     address to bind (default 127.0.0.1; anything else is reachable by others: no auth)
  --speed X       virtual seconds per wall second (default 1)
  --paused        virtual time moves only with 'jobsim clock advance 30s' / 'jobsim clock run --until-idle'
  --kubeconfig P  write the kubeconfig to P (default: a new temporary folder, removed on exit)
  --seed N        override the scenario's seed
  --start-time T  wall time of virtual time 0 (RFC 3339, or 'now' so that describe's ages match)
  -v              log every request on stderr

Pods of plain manifests are scripted with annotations on the pod template:
  jobsim.io/run: 30s          how long containers run (or 'forever'; default 10s)
  jobsim.io/exit-code: "1"    how they exit (default 0)

Example:
  jobsim serve sim/pi.yaml --paused
  export KUBECONFIG=...       (printed at start)
  kubectl get jobs && jobsim clock advance 30s && kubectl get pods`;

const CLOCK_HELP = `Move or show the virtual clock of a running 'jobsim serve'.

Usage:
  jobsim clock                     show the virtual time
  jobsim clock advance DURATION    run the simulation DURATION further (e.g. 30s, 2m)
  jobsim clock run --until-idle    run until nothing but periodic work is left
  jobsim clock run --until TIME    run to virtual time TIME since the start (e.g. 5m)

  --server URL       the server (default: the current context of $KUBECONFIG or ~/.kube/config)
  --kubeconfig PATH  read the server from this kubeconfig`;

class UsageError extends Error {}

function loadFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `error: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  return loadScenario(text, file);
}

function parseNumber(v: string | undefined, what: string, ok: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || !ok(n))
    throw new UsageError(`error: invalid ${what} ${JSON.stringify(v)}`);
  return n;
}

/**
 * `jobsim serve`: runs until SIGINT/SIGTERM (or `io.signal`), then closes every stream and
 * returns 0. Returns 2 for invalid input.
 *
 * @example
 * ```ts
 * const status = await serveCommand(['sim/pi.yaml', '--paused'], { out: console.log, err: console.error });
 * ```
 */
export async function serveCommand(args: string[], io: ServeIo): Promise<number> {
  try {
    return await runServe(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ScenarioError || e instanceof ApiError || e instanceof DurationError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof InvalidScenarioObjectsError) {
      io.err(`${e.messages.map((m) => `error: ${m}`).join('\n')}\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n`);
      return 2;
    }
    if (code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES') {
      io.err(`error: cannot listen: ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}

async function runServe(args: string[], io: ServeIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      address: { type: 'string' },
      speed: { type: 'string' },
      paused: { type: 'boolean' },
      seed: { type: 'string' },
      'start-time': { type: 'string' },
      kubeconfig: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${SERVE_HELP}\n`);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('error: jobsim serve takes at most one FILE');
  if (values.paused && values.speed !== undefined)
    throw new UsageError('error: --speed and --paused cannot be used together');
  const port = parseNumber(values.port, 'port', (n) => Number.isInteger(n) && n >= 0 && n < 65536);
  const speed = parseNumber(values.speed, 'speed', (n) => n > 0);
  const seed = parseNumber(values.seed, 'seed', (n) => Number.isInteger(n));
  let startTime: string | undefined;
  const st = values['start-time'];
  if (st !== undefined) {
    // The one opt-in use of the wall clock: it only fixes what virtual time 0 is called.
    const ms = st === 'now' ? Math.floor(Date.now() / 1000) * 1000 : Date.parse(st);
    if (Number.isNaN(ms))
      throw new UsageError(`error: invalid --start-time ${JSON.stringify(st)}: RFC 3339 or 'now'`);
    startTime = new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
  }
  const file = positionals[0];
  let sim: Simulation;
  if (file !== undefined) {
    let loaded = loadFile(file);
    for (const w of loaded.warnings) io.err(`Warning: ${w}\n`);
    if (loaded.scenario.steps.length > 0 || loaded.scenario.expect.length > 0)
      io.err(
        `warning: ${file}: serve creates the objects, cluster and behaviors; steps and checks are not run (use jobsim run)\n`,
      );
    if (startTime !== undefined) loaded = { ...loaded, scenario: { ...loaded.scenario, startTime } };
    sim = Simulation.fromScenario(loaded, { recordHistory: false, ...(seed !== undefined ? { seed } : {}) });
  } else {
    sim = new Simulation({
      nodes: 1,
      recordHistory: false,
      ...(seed !== undefined ? { seed } : {}),
      ...(startTime !== undefined ? { startTime } : {}),
    });
  }
  // A served cluster runs as long as it is served (scenario limits are for `jobsim run`).
  sim.engine.limitMs = Math.max(sim.engine.limitMs, 100 * 365 * 86_400_000);
  const server = await serve(sim, {
    ...(port !== undefined ? { port } : {}),
    ...(values.address !== undefined ? { address: values.address } : {}),
    ...(speed !== undefined ? { speed } : {}),
    paused: values.paused === true,
    warn: (m) => io.err(`warning: ${m}\n`),
    ...(values.verbose ? { log: (l: string) => io.err(`${l}\n`) } : {}),
  });
  const dir = values.kubeconfig === undefined ? mkdtempSync(join(tmpdir(), 'jobsim-serve-')) : undefined;
  const kubeconfig = dir === undefined ? resolvePath(values.kubeconfig!) : join(dir, 'kubeconfig');
  try {
    writeFileSync(kubeconfig, server.kubeconfig, { mode: 0o600 });
  } catch (e) {
    await server.close();
    throw new UsageError(
      `error: cannot write ${kubeconfig}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  const mode = values.paused ? 'paused (jobsim clock advance 30s)' : `${speed ?? 1}x`;
  io.out(
    `jobsim serve: ${file ?? 'an empty 1-node cluster'} on ${server.url} (Kubernetes ${KUBERNETES_VERSION} semantics, virtual time ${mode})\n` +
      `kubeconfig: ${kubeconfig}\n\n` +
      `  export KUBECONFIG=${kubeconfig}\n` +
      `  kubectl get jobs,pods\n\n` +
      `Press Ctrl-C to stop.\n`,
  );
  await waitForStop(io.signal);
  await server.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  io.err('jobsim serve: stopped\n');
  return 0;
}

function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    if (signal?.aborted) return resolve();
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done);
  });
}

// ---------- jobsim clock ----------

function post(url: string, method: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { Accept: 'application/json' }, timeout: 600_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

function findServer(server: string | undefined, kubeconfig: string | undefined): string {
  if (server !== undefined) return server.replace(/\/+$/, '');
  const paths =
    kubeconfig !== undefined
      ? [kubeconfig]
      : (process.env.KUBECONFIG ?? '').split(':').filter((p) => p !== '');
  if (paths.length === 0) paths.push(join(homedir(), '.kube', 'config'));
  for (const p of paths) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    const url = serverOf(text);
    if (url !== undefined) return url.replace(/\/+$/, '');
  }
  throw new UsageError(
    `error: no server: pass --server URL, or set KUBECONFIG to the file 'jobsim serve' printed`,
  );
}

/** One line about the clock (`virtual time 1m30s (2026-01-01T00:01:30Z), paused; next work at 2m`). */
export function describeClock(s: ClockStatus): string {
  const mode = s.paused ? 'paused' : `running at ${s.speed}x`;
  const next = s.next === null ? 'nothing scheduled' : `next work at ${s.next}`;
  const limit = s.result?.reason === 'limit' ? `\nwarning: ${s.result.message ?? 'limit reached'}` : '';
  return `virtual time ${s.now} (${s.time}), ${mode}; ${next}${limit}`;
}

/**
 * `jobsim clock`: shows or moves the virtual clock of a running server. Returns 0, 1 when the
 * server cannot be reached or refuses, 2 for usage errors.
 *
 * @example
 * ```ts
 * await clockCommand(['advance', '30s'], io); // prints 'virtual time 30s (...), paused; ...'
 * ```
 */
export async function clockCommand(args: string[], io: ServeIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        kubeconfig: { type: 'string' },
        'until-idle': { type: 'boolean' },
        until: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      io.out(`${CLOCK_HELP}\n`);
      return 0;
    }
    const [action, arg] = positionals;
    let path: string;
    let method = 'POST';
    if (action === undefined || action === 'status') {
      path = '/jobsim/v1/clock';
      method = 'GET';
    } else if (action === 'advance') {
      if (arg === undefined) throw new UsageError('error: jobsim clock advance needs a DURATION (e.g. 30s)');
      parseDuration(arg);
      path = `/jobsim/v1/clock/advance?by=${encodeURIComponent(arg)}`;
    } else if (action === 'run') {
      if (values['until-idle'] === (values.until !== undefined))
        throw new UsageError('error: jobsim clock run needs --until-idle or --until TIME');
      if (values.until !== undefined) parseDuration(values.until);
      path = `/jobsim/v1/clock/run?until=${encodeURIComponent(values.until ?? 'idle')}`;
    } else throw new UsageError(`error: unknown clock action ${JSON.stringify(action)} (advance, run)`);
    const base = findServer(values.server, values.kubeconfig);
    let res: { status: number; body: string };
    try {
      res = await post(`${base}${path}`, method);
    } catch (e) {
      io.err(`error: cannot reach ${base}: ${(e as Error).message}\n`);
      return 1;
    }
    let body: unknown;
    try {
      body = JSON.parse(res.body) as unknown;
    } catch {
      body = undefined;
    }
    if (
      res.status !== 200 ||
      typeof body !== 'object' ||
      body === null ||
      (body as ClockStatus).kind !== 'Clock'
    ) {
      const msg = (body as { message?: string } | undefined)?.message ?? res.body.trim();
      io.err(`error: ${base}: ${res.status}: ${msg}\n`);
      return 1;
    }
    io.out(`${describeClock(body as ClockStatus)}\n`);
    return 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (
      e instanceof UsageError ||
      e instanceof DurationError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      io.err(`${e instanceof UsageError ? '' : 'error: '}${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

export type { JobsimServer };
