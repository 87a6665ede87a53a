/**
 * `jobsim report -f FILE [-o report.html] [--seed N] [--until D]`: runs a scenario and writes
 * the visual report. Exit status as `jobsim run`: 0 every check held, 1 a check failed (the
 * report is written either way), 2 invalid input or usage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DurationError, formatDuration, parseDuration } from '../engine/duration.js';
import { loadScenario, ScenarioError } from '../scenario/load.js';
import { InvalidScenarioObjectsError, type RunOptions, runScenario } from '../scenario/run.js';
import { renderReport } from './html.js';

/** Where the command writes: stdout and stderr. */
export interface ReportIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The command's help text. */
export const REPORT_HELP = `Write a visual report of a run: one self-contained HTML file (no network needed) with a
timeline of every pod by node, a scrubber that shows the Job status, kubectl get pods and the
events at any virtual time, each pod's object and why it changed, and the result of each check.

Usage: jobsim report -f FILE [-o report.html] [--seed N] [--until DURATION|done]

  -f, --filename FILE   the scenario file
  -o, --output PATH     where to write the HTML (default report.html; - for stdout)
  --seed N              override the scenario's seed
  --until D             stop at virtual time D (Go duration) or 'done'

Example:
  jobsim report -f sim/pi.yaml -o pi.html`;

class Usage extends Error {}

function formatScenarioError(file: string, e: ScenarioError): string {
  const where =
    e.line !== undefined ? `${file}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}` : file;
  return `error: ${where}: ${e.message}`;
}

/**
 * Runs `jobsim report` with its arguments (after the word `report`). Returns the exit status.
 *
 * @example
 * ```ts
 * const status = reportCommand(['-f', 'sim/pi.yaml', '-o', 'pi.html'], {
 *   out: (s) => process.stdout.write(s),
 *   err: (s) => process.stderr.write(s),
 * });
 * ```
 */
export function reportCommand(args: string[], io: ReportIo): number {
  try {
    return run(args, io);
  } catch (e) {
    if (e instanceof Usage) {
      io.err(`${e.message}\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

function run(args: string[], io: ReportIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      filename: { type: 'string', short: 'f' },
      output: { type: 'string', short: 'o', default: 'report.html' },
      seed: { type: 'string' },
      until: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(`${REPORT_HELP}\n`);
    return 0;
  }
  const file = values.filename ?? positionals[0];
  if (file === undefined) throw new Usage('error: jobsim report needs -f FILE (see jobsim report --help)');
  if (positionals.length > (values.filename === undefined ? 1 : 0))
    throw new Usage(`error: unexpected argument ${JSON.stringify(positionals.at(-1))}`);
  const options: { seed?: number; until?: 'done' | number } = {};
  if (values.seed !== undefined) {
    if (!/^-?\d+$/.test(values.seed))
      throw new Usage(`error: invalid --seed ${JSON.stringify(values.seed)}: must be an integer`);
    options.seed = Number(values.seed);
  }
  if (values.until !== undefined) {
    if (values.until === 'done') options.until = 'done';
    else {
      try {
        options.until = parseDuration(values.until);
      } catch (e) {
        if (e instanceof DurationError)
          throw new Usage(
            `error: invalid --until ${JSON.stringify(values.until)}: use a duration such as 90s or 'done'`,
          );
        throw e;
      }
    }
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Usage(
      code === 'ENOENT'
        ? `error: the path "${file}" does not exist`
        : `error: cannot read "${file}": ${(e as Error).message}`,
    );
  }
  let result: ReturnType<typeof runScenario>;
  try {
    result = runScenario(loadScenario(text, file), options as RunOptions);
  } catch (e) {
    if (e instanceof ScenarioError) throw new Usage(formatScenarioError(file, e));
    if (e instanceof InvalidScenarioObjectsError)
      throw new Usage(e.messages.map((m) => `error: ${m}`).join('\n'));
    throw e;
  }
  for (const w of result.warnings) io.err(`Warning: ${w}\n`);
  const html = renderReport(result);
  const out = values.output;
  if (out === '-') io.out(html);
  else {
    try {
      writeFileSync(out, html);
    } catch (e) {
      throw new Usage(`error: cannot write "${out}": ${(e as Error).message}`);
    }
    const failed = result.checks.filter((c) => !c.ok).length;
    const kb = Math.round(Buffer.byteLength(html) / 1024);
    io.out(
      `Wrote ${out} (${kb.toLocaleString('en-US')} KB): ${file}, seed ${result.seed}, ${result.sim.trace().length.toLocaleString('en-US')} trace entries, run ended at ${formatDuration(result.end.time)}; ${
        result.checks.length === 0
          ? 'no checks'
          : failed === 0
            ? `${result.checks.length} check${result.checks.length === 1 ? '' : 's'} passed`
            : `${failed} of ${result.checks.length} checks failed`
      }.\n`,
    );
  }
  return result.ok ? 0 : 1;
}
