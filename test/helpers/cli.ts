/**
 * `jobsim ARGS` run in-process from the repository root, as a user runs it: exit status and
 * what went to stdout and stderr.
 */
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

/** The repository root. */
export const root = join(import.meta.dirname, '..', '..');

/** Output of one CLI run. */
export interface CliResult {
  readonly status: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `jobsim ...argv` with the repository root as working directory. */
export function runCli(...argv: string[]): CliResult {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const status = main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { status, out, err };
  } finally {
    process.chdir(cwd);
  }
}
