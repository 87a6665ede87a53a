/**
 * `jobsim sweep`: run a scenario under a range of seeds (optionally one shard of it) and print
 * the aggregate; `jobsim sweep merge`: merge shard results.
 * Exit status: 0 every seed passed its checks, 1 some seed did not, 2 invalid input or usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KUBERNETES_VERSION } from '../profile.js';
import { type LoadedScenario, loadScenario, ScenarioError } from '../scenario/load.js';
import { InvalidScenarioObjectsError } from '../scenario/run.js';
import type { SweepResult } from './aggregate.js';
import { SeedError } from './chunk.js';
import { formatSweep } from './format.js';
import { mergeSweeps, missingShards } from './merge.js';
import { checkShard, parseSeeds, parseShard, type Shard, SweepInputError, seedSpec } from './seeds.js';
import { DEFAULT_MAX_FAILING_SEEDS, type SweepProgress, sweep } from './sweep.js';

/** Where the command writes. */
export interface SweepIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Help text of `jobsim sweep`. */
export const SWEEP_HELP = `Run a scenario under many seeds and aggregate the results (Monte Carlo), in parallel.

Usage:
  jobsim sweep FILE --seeds FROM-TO [--workers auto|N] [-o table|json] [--shard I/N] [--out FILE] [--failing N]
  jobsim sweep merge PART.json... [-o table|json] [--out FILE]

  --seeds S      seeds to run: a range (1-10000), a seed (42) or a list (1,5,9 or 1-10,20)
  --workers W    simulation threads: auto (default: one per CPU) or a number N (this thread and N-1 workers)
  -o FORMAT      table (default) or json
  --shard I/N    run only shard I (0-based) of N: the seeds s with (s - FROM) mod N = I
  --out FILE     also write the JSON result to FILE (what 'jobsim sweep merge' reads)
  --failing N    list the N smallest failing seeds (default ${DEFAULT_MAX_FAILING_SEEDS})

The aggregate is exact and the same whatever the number of workers; merging the N shards'
JSON files gives exactly the result of the whole sweep. Each failing seed comes with the command
that replays it: jobsim run FILE --seed N.

Examples:
  jobsim sweep sim/flaky-retries.yaml --seeds 1-10000
  jobsim sweep sim/flaky-retries.yaml --seeds 1-100000 --shard 3/8 --out shard-3.json
  jobsim sweep merge shard-*.json

Exit status: 0 every seed passed its checks, 1 some seed failed a check, 2 invalid input.`;

class UsageError extends Error {}

/**
 * Runs `jobsim sweep ARGS` (the arguments after `sweep`). Resolves to the exit status.
 *
 * @example
 * ```ts
 * const status = await sweepCommand(['sim/flaky-retries.yaml', '--seeds', '1-1000'], {
 *   out: (s) => process.stdout.write(s),
 *   err: (s) => process.stderr.write(s),
 * });
 * ```
 */
export async function sweepCommand(args: string[], io: SweepIo): Promise<number> {
  try {
    if (args[0] === 'merge') return cmdMerge(args.slice(1), io);
    return await cmdSweep(args, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof SweepInputError) {
      io.err(`${e.message.startsWith('error: ') ? e.message : `error: ${e.message}`}\n`);
      return 2;
    }
    if (e instanceof InvalidScenarioObjectsError) {
      io.err(`${e.messages.map((m) => `error: ${m}`).join('\n')}\n`);
      return 2;
    }
    if (e instanceof SeedError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

async function cmdSweep(args: string[], io: SweepIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seeds: { type: 'string' },
      workers: { type: 'string', default: 'auto' },
      output: { type: 'string', short: 'o', default: 'table' },
      shard: { type: 'string' },
      out: { type: 'string' },
      failing: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${SWEEP_HELP}\n`);
    return 0;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1)
    throw new UsageError('error: jobsim sweep needs one scenario FILE (see jobsim sweep --help)');
  if (values.seeds === undefined)
    throw new UsageError('error: jobsim sweep needs --seeds, e.g. --seeds 1-1000 (see jobsim sweep --help)');
  const format = checkFormat(values.output);
  const seeds = parseSeeds(values.seeds);
  const workers = parseWorkers(values.workers);
  const shard: Shard | undefined = values.shard === undefined ? undefined : parseShard(values.shard);
  const maxFailingSeeds = values.failing === undefined ? undefined : parseCount('--failing', values.failing);
  // Bad seeds and shards are refused before the scenario is read (and warned about).
  seedSpec(seeds);
  if (shard) checkShard(shard);
  const loaded = readScenario(file);
  for (const w of loaded.warnings) io.err(`Warning: ${w}\n`);
  const bar = progressBar(io);
  let result: SweepResult;
  try {
    result = await sweep(loaded, {
      seeds,
      workers,
      file,
      ...(shard ? { shard } : {}),
      ...(maxFailingSeeds !== undefined ? { maxFailingSeeds } : {}),
      ...(bar ? { onProgress: bar.update } : {}),
    });
  } finally {
    bar?.clear();
  }
  return emit(result, format, values.out, io);
}

function cmdMerge(args: string[], io: SweepIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o', default: 'table' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${SWEEP_HELP}\n`);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('error: jobsim sweep merge needs the JSON files written by jobsim sweep --out');
  const format = checkFormat(values.output);
  const parts = positionals.map(readPart);
  const merged = mergeSweeps(parts);
  const missing = missingShards(merged);
  if (missing.length > 0 && merged.shards)
    io.err(
      `Warning: shards ${missing.join(',')} of ${merged.shards.count} are missing: the totals cover ${merged.runs} seeds only\n`,
    );
  return emit(merged, format, values.out, io);
}

function emit(
  result: SweepResult,
  format: 'table' | 'json',
  outFile: string | undefined,
  io: SweepIo,
): number {
  const json = sweepJson(result);
  if (outFile !== undefined) {
    try {
      writeFileSync(outFile, json);
    } catch (e) {
      throw new UsageError(`error: cannot write "${outFile}": ${(e as Error).message}`);
    }
  }
  io.out(format === 'json' ? json : formatSweep(result));
  return result.failed === 0 ? 0 : 1;
}

/** The JSON file form of a result: indented, histogram pairs kept on one line each.  *
 * @example
 * ```ts
 * writeFileSync('shard-0.json', sweepJson(result));
 * ```
 */
export function sweepJson(result: SweepResult): string {
  return `${JSON.stringify(result, null, 2).replace(/\[\n\s+(-?\d+),\n\s+(\d+)\n\s+\]/g, '[$1, $2]')}\n`;
}

function checkFormat(v: string): 'table' | 'json' {
  if (v !== 'table' && v !== 'json')
    throw new UsageError(`error: unknown output format ${JSON.stringify(v)}: use table or json`);
  return v;
}

function parseWorkers(v: string): 'auto' | number {
  if (v === 'auto') return 'auto';
  return parseCount('--workers', v, 1);
}

function parseCount(flag: string, v: string, min = 0): number {
  if (!/^\d+$/.test(v) || Number(v) < min)
    throw new UsageError(
      `error: invalid ${flag} ${JSON.stringify(v)}: must be ${min > 0 ? 'a positive integer' : 'a non-negative integer'}${flag === '--workers' ? " or 'auto'" : ''}`,
    );
  return Number(v);
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `error: the path "${file}" does not exist`
        : `error: cannot read "${file}": ${(e as Error).message}`,
    );
  }
}

function readScenario(file: string): LoadedScenario {
  const text = readText(file);
  try {
    return loadScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      const where =
        e.line !== undefined ? `${file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : file;
      throw new UsageError(`error: ${where}: ${e.message}`);
    }
    throw e;
  }
}

function readPart(file: string): SweepResult {
  const text = readText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`error: ${file}: not JSON: ${(e as Error).message}`);
  }
  const v = value as Partial<SweepResult> | null;
  if (typeof v !== 'object' || v === null || v.format !== 'jobsim-sweep/v1')
    throw new UsageError(
      `error: ${file}: not a jobsim sweep result (write one with jobsim sweep FILE --seeds ... --out ${file})`,
    );
  if (v.kubernetesVersion !== undefined && v.kubernetesVersion !== KUBERNETES_VERSION)
    throw new UsageError(
      `error: ${file}: simulated with Kubernetes ${v.kubernetesVersion} semantics; this jobsim simulates ${KUBERNETES_VERSION}`,
    );
  return v as SweepResult;
}

/**
 * A progress bar on stderr, only when stderr is a terminal. It reads the wall clock (elapsed
 * time, rate, ETA): the only place a sweep does, and nothing of it reaches the result.
 */
function progressBar(io: SweepIo): { update: (p: SweepProgress) => void; clear: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update: ({ done, total }) => {
      const now = Date.now();
      if (done < total && now - last < 100) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.floor((done * width) / total);
      const elapsed = (now - started) / 1000;
      const rate = elapsed > 0 ? done / elapsed : 0;
      const eta = rate > 0 ? (total - done) / rate : 0;
      io.err(
        `\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} seeds ${Math.floor((done * 100) / Math.max(1, total))}%  ${rate.toFixed(0)}/s  ${elapsed.toFixed(1)}s elapsed, ~${eta.toFixed(0)}s left`,
      );
      drawn = true;
    },
    clear: () => {
      if (drawn) io.err('\r\x1b[K');
    },
  };
}
