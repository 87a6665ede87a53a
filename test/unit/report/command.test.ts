/** `jobsim report` as a user runs it: files, exit statuses, messages. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportCommand } from '../../../src/report/command.js';
import { root } from './helpers.js';

function report(...args: string[]): { status: number; out: string; err: string } {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const status = reportCommand(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { status, out, err };
  } finally {
    process.chdir(cwd);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'jobsim-report-'));

describe('jobsim report', () => {
  it('writes the report and says where, exit 0 when the checks hold', () => {
    const out = join(dir, 'pi.html');
    const r = report('-f', 'sim/pi.yaml', '-o', out);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(
      /^Wrote .*pi\.html \(\d+ KB\): sim\/pi\.yaml, seed 1, \d+ trace entries, run ended at 12s; no checks\.\n$/,
    );
    expect(r.err).toContain('extensions/v1beta1 Job "pi" is converted');
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('takes --seed and --until', () => {
    const out = join(dir, 'seed.html');
    const r = report('-f', 'sim/onfailure-restarts.yaml', '-o', out, '--seed', '7', '--until', '12s');
    expect(r.out).toContain('seed 7');
    expect(r.out).toContain('run ended at 12s');
  });

  it('writes to stdout with -o -', () => {
    const r = report('-f', 'sim/pi.yaml', '-o', '-');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
  });

  it('exits 1 when a check fails, and still writes the report', () => {
    const file = join(dir, 'failing.yaml');
    writeFileSync(
      file,
      `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: perl}]
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  expect:
  - job: pi
    status: {succeeded: 2}
`,
    );
    const out = join(dir, 'failing.html');
    const r = report('-f', file, '-o', out);
    expect(r.status).toBe(1);
    expect(r.out).toContain('1 of 1 checks failed');
    expect(readFileSync(out, 'utf8')).toContain('✗ 1 of 1 check failed');
  });

  it.each([
    [['-o', 'x.html'], 'error: jobsim report needs -f FILE (see jobsim report --help)\n'],
    [['-f', 'sim/nope.yaml'], 'error: the path "sim/nope.yaml" does not exist\n'],
    [['-f', 'sim/pi.yaml', '--seed', 'abc'], 'error: invalid --seed "abc": must be an integer\n'],
    [
      ['-f', 'sim/pi.yaml', '--until', 'soon'],
      `error: invalid --until "soon": use a duration such as 90s or 'done'\n`,
    ],
    [['-f', 'sim/pi.yaml', '--bogus'], /^error: Unknown option '--bogus'/],
  ])('exits 2 for bad usage %j', (args, message) => {
    const r = report(...args);
    expect(r.status).toBe(2);
    if (typeof message === 'string') expect(r.err).toBe(message);
    else expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('exits 2 with file:line:column for broken YAML', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: [\n');
    const r = report('-f', file, '-o', join(dir, 'broken.html'));
    expect(r.status).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: `));
  });

  it('exits 2 when the API server would refuse an object', () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(
      file,
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: bad}\nspec:\n  parallelism: -1\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: i}]\n',
    );
    const r = report('-f', file, '-o', join(dir, 'invalid.html'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('spec.parallelism');
  });

  it('prints help', () => {
    const r = report('--help');
    expect(r.status).toBe(0);
    expect(r.out).toContain(
      'Usage: jobsim report -f FILE [-o report.html] [--seed N] [--until DURATION|done]',
    );
  });
});
