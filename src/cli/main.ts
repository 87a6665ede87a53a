#!/usr/bin/env node
/**
 * The `jobsim` command: run, validate, get, describe and timeline on scenario files.
 * Exit status: 0 ran and every check held; 1 a check failed; 2 invalid input or usage.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { ApiError } from '../api/errors.js';
import type { Event, Job, KubeObject, Node, Pod } from '../api/types.js';
import { DurationError, formatDuration, parseDuration } from '../engine/duration.js';
import { KUBERNETES_VERSION } from '../profile.js';
import { REPORT_HELP, reportCommand } from '../report/command.js';
import { type LoadedScenario, loadScenario, ScenarioError } from '../scenario/load.js';
import {
  createScenarioSimulation,
  InvalidScenarioObjectsError,
  type RunResult,
  runScenario,
} from '../scenario/run.js';
import type { ClusterSnapshot } from '../simulation.js';
import { normalizeKind } from '../store/apiserver.js';
import { traceEventToJson } from '../trace.js';
import { getCronJobsTable } from '../views/cronjobs.js';
import { describeCronJob, describeJob, describeNode, describePod } from '../views/describe.js';
import { getEventsTable } from '../views/events.js';
import { renderGantt } from '../views/gantt.js';
import { getJobsTable } from '../views/jobs.js';
import { getNodesTable } from '../views/nodes.js';
import { getPodsTable } from '../views/pods.js';
import { renderTransitions, transitions } from '../views/transitions.js';

/** A usage problem: exit status 2 with this message. */
class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const HELP: Record<string, string> = {
  main: `jobsim: simulate Kubernetes Jobs (${KUBERNETES_VERSION} semantics) deterministically on a virtual clock.

Usage:
  jobsim run FILE... [--seed N] [--until DURATION|done] [-o text|summary|json|yaml|jsonl]
  jobsim validate FILE...
  jobsim get KIND [NAME] -f FILE [--at DURATION] [-o wide|yaml|json] [--seed N]
  jobsim describe KIND/NAME -f FILE [--at DURATION] [--seed N]
  jobsim timeline -f FILE [--seed N] [--width N]
  jobsim report -f FILE [-o report.html] [--seed N] [--until DURATION|done]
  jobsim serve [FILE] [--port N] [--address A] [--speed X | --paused] [--kubeconfig PATH]
  jobsim clock [advance DURATION | run --until-idle | run --until TIME]
  jobsim sweep FILE --seeds 1-10000 [--workers auto|N] [-o table|json] [--shard I/N] [--out FILE]
  jobsim sweep merge PART.json... [-o table|json]

Examples:
  jobsim run sim/pi.yaml
  jobsim get pods -f sim/parallel.yaml --at 45s

Exit status: 0 all checks held, 1 a check failed, 2 invalid input.
Run 'jobsim COMMAND --help' for more.`,
  run: `Run scenario files: prints a timeline of what happened, the final Jobs and Pods tables, and the check results.

Usage: jobsim run FILE... [--seed N] [--until DURATION|done] [-o text|summary|json|yaml|jsonl]

  --seed N       override the scenario's seed
  --until D      stop at virtual time D (Go duration) or 'done'
  -o FORMAT      text (default), summary (final Job table and checks), json, yaml, jsonl (the trace)

Example:
  jobsim run sim/pi.yaml --seed 5`,
  validate: `Validate scenario files without running them (same messages and exit statuses as run).

Usage: jobsim validate FILE...

Example:
  jobsim validate sim/pi.yaml`,
  get: `Show objects as kubectl get would, at any virtual time of the run.

Usage: jobsim get KIND [NAME] -f FILE [--at DURATION] [-o wide|yaml|json] [--seed N]

KIND is jobs, pods, nodes, cronjobs or events.

Example:
  jobsim get pods -f sim/pi.yaml --at 5s`,
  describe: `Describe an object as kubectl describe would, at any virtual time of the run.

Usage: jobsim describe KIND/NAME -f FILE [--at DURATION] [--seed N]

Example:
  jobsim describe job/pi -f sim/pi.yaml`,
  report: REPORT_HELP,
  timeline: `Draw the run as a terminal Gantt chart: one row per pod, grouped by node.

Usage: jobsim timeline -f FILE [--seed N] [--width N]

Example:
  jobsim timeline -f sim/pi.yaml`,
};

function readScenario(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `error: the path "${file}" does not exist`
        : `error: cannot read "${file}": ${(e as Error).message}`,
    );
  }
  try {
    return loadScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(formatScenarioError(file, e));
    throw e;
  }
}

function formatScenarioError(file: string, e: ScenarioError): string {
  const where =
    e.line !== undefined ? `${file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : file;
  return `error: ${where}: ${e.message}`;
}

function parseSeed(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
    throw new UsageError(
      `error: invalid --seed ${JSON.stringify(v)}: must be an integer of at most 2^53-1 in magnitude`,
    );
  return Number(v);
}

function parseUntil(v: string | undefined, flag = '--until'): 'done' | number | undefined {
  if (v === undefined) return undefined;
  if (v === 'done') return 'done';
  try {
    return parseDuration(v);
  } catch (e) {
    if (e instanceof DurationError)
      throw new UsageError(
        `error: invalid ${flag} ${JSON.stringify(v)}: use a duration such as 90s or 'done'`,
      );
    throw e;
  }
}

/**
 * A progress line on stderr, only when stderr is a terminal and the run has taken more than a
 * second of wall time (the only place jobsim reads the wall clock; it never reaches the
 * simulation).
 */
function progressReporter(): ((virtualMs: number, events: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  return (virtualMs, events) => {
    const wall = Date.now() - started;
    if (wall < 1000) return;
    process.stderr.write(
      `\r\x1b[Kjobsim: virtual ${formatDuration(virtualMs)}, ${events} events, ${(wall / 1000).toFixed(1)}s`,
    );
  };
}

function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}

function runLoaded(loaded: LoadedScenario, seed: number | undefined, until?: 'done' | number): RunResult {
  try {
    const opts: { seed?: number; until?: 'done' | number; progress?: (v: number, e: number) => void } = {};
    const progress = progressReporter();
    if (progress) opts.progress = progress;
    if (seed !== undefined) opts.seed = seed;
    if (until !== undefined) opts.until = until;
    const r = runScenario(loaded, opts);
    if (progress) clearProgress();
    return r;
  } catch (e) {
    if (e instanceof InvalidScenarioObjectsError)
      throw new UsageError(e.messages.map((m) => `error: ${m}`).join('\n'));
    throw e;
  }
}

function jobsAndPods(snap: { list: ClusterSnapshot['list'] }, now: number): string {
  const jobs = snap.list('Job');
  const pods = snap.list('Pod');
  let s = '';
  s += jobs.length > 0 ? getJobsTable(jobs, now) : 'No Jobs.\n';
  s += '\n';
  s += pods.length > 0 ? getPodsTable(pods, now) : 'No Pods.\n';
  const cjs = snap.list('CronJob');
  if (cjs.length > 0) s += `\n${getCronJobsTable(cjs, now)}`;
  return s;
}

function checksText(r: RunResult): string {
  const lines: string[] = [];
  const passed = r.checks.filter((c) => c.ok).length;
  const failed = r.checks.length - passed;
  lines.push(r.checks.length === 0 ? 'Checks: none' : `Checks: ${passed} passed, ${failed} failed`);
  for (const c of r.checks) {
    lines.push(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.description}`);
    for (const f of c.failures) lines.push(`       ${f}`);
  }
  return lines.join('\n');
}

function endText(r: RunResult): string {
  return `Run ended at ${formatDuration(r.end.time)} (virtual): ${r.end.message}.`;
}

function cmdRun(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      until: { type: 'string' },
      output: { type: 'string', short: 'o', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${HELP.run}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('error: jobsim run needs a scenario FILE (see jobsim run --help)');
  const format = values.output;
  if (!['text', 'summary', 'json', 'yaml', 'jsonl'].includes(format)) {
    throw new UsageError(
      `error: unknown output format ${JSON.stringify(format)}: use text, summary, json, yaml or jsonl`,
    );
  }
  const seed = parseSeed(values.seed);
  const until = parseUntil(values.until);
  const loaded = positionals.map(readScenario);
  let status = 0;
  const results: RunResult[] = [];
  for (const l of loaded) {
    const r = runLoaded(l, seed, until);
    results.push(r);
    if (!r.ok) status = 1;
    const now = r.sim.nowEpoch();
    if (format === 'jsonl') {
      for (const e of r.sim.trace()) io.out(`${JSON.stringify(traceEventToJson(e))}\n`);
      continue;
    }
    if (format === 'json' || format === 'yaml') continue;
    const head = `Scenario ${l.file}${l.scenario.name ? ` (${l.scenario.name})` : ''}: seed ${r.seed}, Kubernetes ${KUBERNETES_VERSION} semantics`;
    const parts: string[] = [head];
    for (const w of r.warnings) parts.push(`Warning: ${w}`);
    if (format === 'text') parts.push('', renderTransitions(transitions(r.sim.trace())));
    parts.push('');
    if (format === 'summary') parts.push(getJobsTable(r.sim.store.list('Job'), now).trimEnd());
    else parts.push(jobsAndPods(r.sim.snapshot(), now).trimEnd());
    parts.push('', endText(r), checksText(r));
    io.out(`${parts.join('\n')}\n`);
    if (loaded.length > 1) io.out('\n');
  }
  if (format === 'json' || format === 'yaml') {
    const data = results.map(resultData);
    const body = results.length === 1 ? data[0] : data;
    io.out(format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : stringify(body));
  }
  return status;
}

function resultData(r: RunResult): Record<string, unknown> {
  return {
    file: r.scenario.file,
    scenario: r.scenario.scenario.name,
    seed: r.seed,
    kubernetesVersion: KUBERNETES_VERSION,
    ok: r.ok,
    end: r.end,
    warnings: r.warnings,
    checks: r.checks,
    jobs: r.sim.store.list('Job'),
    pods: r.sim.store.list('Pod'),
    cronJobs: r.sim.store.list('CronJob'),
  };
}

function cmdValidate(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(`${HELP.validate}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('error: jobsim validate needs a scenario FILE');
  const errors: string[] = [];
  for (const file of positionals) {
    try {
      const l = readScenario(file);
      createScenarioSimulation(l);
      for (const w of l.warnings) io.err(`Warning: ${w}\n`);
      io.out(
        `${file}: valid (${l.objects.length} object${l.objects.length === 1 ? '' : 's'}${l.scenario.steps.length > 0 ? `, ${l.scenario.steps.length} steps` : ''}${l.scenario.expect.length > 0 ? `, ${l.scenario.expect.length} checks` : ''})\n`,
      );
    } catch (e) {
      if (e instanceof UsageError) errors.push(e.message);
      else if (e instanceof InvalidScenarioObjectsError)
        errors.push(e.messages.map((m) => `error: ${m}`).join('\n'));
      else throw e;
    }
  }
  if (errors.length > 0) throw new UsageError(errors.join('\n'));
  return 0;
}

function snapshotFor(
  file: string,
  seed: string | undefined,
  at: string | undefined,
): { snap: ClusterSnapshot; r: RunResult } {
  const l = readScenario(file);
  const atMs = at === undefined ? undefined : parseUntil(at, '--at');
  if (atMs === 'done') throw new UsageError('error: --at needs a duration');
  const r = runLoaded(l, parseSeed(seed), atMs === undefined ? undefined : atMs);
  const snap = atMs === undefined ? r.sim.snapshot() : r.sim.at(atMs);
  return { snap, r };
}

function cmdGet(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      filename: { type: 'string', short: 'f' },
      at: { type: 'string' },
      output: { type: 'string', short: 'o' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${HELP.get}\n`);
    return 0;
  }
  const [kindArg, name] = positionals;
  if (!kindArg) throw new UsageError('error: jobsim get needs a KIND (jobs, pods, nodes, cronjobs, events)');
  if (!values.filename) throw new UsageError('error: jobsim get needs -f FILE');
  const kind = normalizeKind(kindArg);
  if (!kind) throw new UsageError(`error: the server doesn't have a resource type "${kindArg}"`);
  const { snap } = snapshotFor(values.filename, values.seed, values.at);
  const now = snap.nowEpoch;
  let objs: KubeObject[] = snap.list(kind);
  if (name !== undefined) {
    objs = objs.filter((o) => o.metadata?.name === name);
    if (objs.length === 0) {
      const res = {
        Job: 'jobs.batch',
        CronJob: 'cronjobs.batch',
        Pod: 'pods',
        Node: 'nodes',
        Event: 'events',
      }[kind];
      throw new UsageError(`Error from server (NotFound): ${res} "${name}" not found`);
    }
  }
  const out = values.output;
  if (out === 'json') {
    const body =
      name !== undefined
        ? objs[0]
        : { apiVersion: 'v1', kind: 'List', items: objs, metadata: { resourceVersion: '' } };
    io.out(`${JSON.stringify(body, null, 4)}\n`);
    return 0;
  }
  if (out === 'yaml') {
    const body =
      name !== undefined
        ? objs[0]
        : { apiVersion: 'v1', kind: 'List', items: objs, metadata: { resourceVersion: '' } };
    io.out(stringify(body));
    return 0;
  }
  if (out !== undefined && out !== 'wide')
    throw new UsageError(
      `error: unable to match a printer suitable for the output format "${out}", allowed formats are: json,wide,yaml`,
    );
  if (objs.length === 0) {
    io.err('No resources found in default namespace.\n');
    return 0;
  }
  const wide = out === 'wide';
  switch (kind) {
    case 'Job':
      io.out(getJobsTable(objs as Job[], now, { wide }));
      break;
    case 'Pod':
      io.out(getPodsTable(objs as Pod[], now, { wide }));
      break;
    case 'Node':
      io.out(getNodesTable(objs as Node[], now, { wide }));
      break;
    case 'CronJob':
      io.out(getCronJobsTable(objs as never[], now, { wide }));
      break;
    case 'Event':
      io.out(getEventsTable(objs as Event[], now));
      break;
  }
  return 0;
}

function cmdDescribe(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      filename: { type: 'string', short: 'f' },
      at: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${HELP.describe}\n`);
    return 0;
  }
  const [target, maybeName] = positionals;
  if (!target) throw new UsageError('error: jobsim describe needs KIND/NAME');
  if (!values.filename) throw new UsageError('error: jobsim describe needs -f FILE');
  let kindArg = target;
  let name = maybeName;
  if (target.includes('/')) [kindArg, name] = target.split('/', 2) as [string, string];
  const kind = normalizeKind(kindArg);
  if (!kind || kind === 'Event')
    throw new UsageError(`error: the server doesn't have a resource type "${kindArg}"`);
  const { snap } = snapshotFor(values.filename, values.seed, values.at);
  const now = snap.nowEpoch;
  const events = snap.list('Event');
  const objs: KubeObject[] = name ? [snap.get(kind, name)].filter((o) => o !== undefined) : snap.list(kind);
  if (objs.length === 0) {
    const res = { Job: 'jobs.batch', CronJob: 'cronjobs.batch', Pod: 'pods', Node: 'nodes', Event: 'events' }[
      kind
    ];
    throw new UsageError(`Error from server (NotFound): ${res} "${name ?? ''}" not found`);
  }
  const about = (o: KubeObject) => events.filter((e) => e.involvedObject.uid === o.metadata?.uid);
  const texts = objs.map((o) => {
    switch (kind) {
      case 'Job': {
        const pods = snap
          .list('Pod')
          .filter((p) => p.metadata?.ownerReferences?.some((r) => r.uid === o.metadata?.uid));
        return describeJob(o as Job, pods, about(o), now);
      }
      case 'Pod':
        return describePod(o as Pod, about(o), now);
      case 'Node': {
        const pods = snap.list('Pod').filter((p) => p.spec?.nodeName === o.metadata?.name);
        return describeNode(o as Node, pods, about(o), now);
      }
      case 'CronJob': {
        const jobs = snap
          .list('Job')
          .filter((j) => j.metadata?.ownerReferences?.some((r) => r.uid === o.metadata?.uid));
        return describeCronJob(o as never, jobs, about(o), now);
      }
      default:
        return '';
    }
  });
  io.out(texts.join('\n\n'));
  return 0;
}

function cmdTimeline(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      filename: { type: 'string', short: 'f' },
      seed: { type: 'string' },
      width: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${HELP.timeline}\n`);
    return 0;
  }
  if (!values.filename) throw new UsageError('error: jobsim timeline needs -f FILE');
  const r = runLoaded(readScenario(values.filename), parseSeed(values.seed));
  let width = 100;
  if (values.width !== undefined) {
    if (!/^\d+$/.test(values.width))
      throw new UsageError(
        `error: invalid --width ${JSON.stringify(values.width)}: must be a number of columns`,
      );
    width = Number(values.width);
  } else if (process.stdout.isTTY && process.stdout.columns) width = process.stdout.columns;
  io.out(`${renderGantt(r.sim.trace(), r.sim.now(), { width })}\n`);
  return 0;
}

/**
 * Runs the CLI with `argv` (without node and script). Returns the exit status.
 *
 * @example
 * ```ts
 * const status = main(['run', 'sim/pi.yaml'], { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
 * ```
 */
export function main(argv: string[], io: Io): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(`${HELP.main}\n`);
        return cmd === undefined ? 2 : 0;
      case '--version':
      case 'version':
        io.out(`jobsim 0.1.0 (Kubernetes ${KUBERNETES_VERSION} semantics)\n`);
        return 0;
      case 'run':
        return cmdRun(rest, io);
      case 'validate':
        return cmdValidate(rest, io);
      case 'get':
        return cmdGet(rest, io);
      case 'describe':
        return cmdDescribe(rest, io);
      case 'timeline':
        return cmdTimeline(rest, io);
      case 'report':
        return reportCommand(rest, io);
      default:
        throw new UsageError(
          `error: unknown command ${JSON.stringify(cmd)} (commands: run, validate, get, describe, timeline, report, serve, clock, sweep)`,
        );
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof ApiError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n`);
      return 2;
    }
    // Never a stack trace: input jobsim did not foresee is still refused in one paragraph.
    io.err(
      `error: jobsim could not process this input: ${e instanceof Error ? e.message : String(e)} (please report this as a jobsim bug)\n`,
    );
    return 2;
  }
}

function isMainModule(): boolean {
  const arg = process.argv[1];
  if (arg === undefined) return false;
  try {
    return realpathSync(arg) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMainModule()) {
  const io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) };
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'serve' || cmd === 'clock') {
    // Loaded on demand: the server is not needed by the other commands.
    const { serveCommand, clockCommand } = await import('../serve/command.js');
    process.exitCode = await (cmd === 'serve' ? serveCommand(rest, io) : clockCommand(rest, io));
  } else if (cmd === 'sweep') {
    const { sweepCommand } = await import('../sweep/command.js');
    process.exitCode = await sweepCommand(rest, io);
  } else {
    process.exitCode = main(process.argv.slice(2), io);
  }
}
