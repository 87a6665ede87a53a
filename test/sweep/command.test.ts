/**
 * `jobsim sweep` as a user runs it: exit statuses, the table, --shard/--out and merge, and a
 * failing seed's replay command run through `jobsim run`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { sweepCommand } from '../../src/sweep/command.js';

const root = join(import.meta.dirname, '..', '..');

async function sweepCli(...argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const status = await sweepCommand(argv, { out: (s) => (out += s), err: (s) => (err += s) });
    return { status, out, err };
  } finally {
    process.chdir(cwd);
  }
}

function runCli(...argv: string[]): { status: number; out: string; err: string } {
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

describe('jobsim sweep', () => {
  it('exits 1 and lists failing seeds whose replay command fails the same check under jobsim run', async () => {
    const r = await sweepCli('sim/flaky-retries.yaml', '--seeds', '1-30', '--workers', '1');
    expect(r.status).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Sweep sim\/flaky-retries\.yaml \(flaky-retries\): seeds 1-30, 30 runs/);
    expect(r.out).toMatch(/^Checks: \d+ of 30 seeds passed every check/m);
    expect(r.out).toMatch(/^ {2}retries-2 +\d+ +\d+ \(BackoffLimitExceeded\) +0 /m);
    const command = /^ {2}(jobsim run sim\/flaky-retries\.yaml --seed (\d+))$/m.exec(r.out);
    expect(command).not.toBeNull();
    const replay = runCli('run', 'sim/flaky-retries.yaml', '--seed', command![2]!, '-o', 'summary');
    expect(replay.status).toBe(1);
    expect(replay.out).toMatch(/FAIL job\/retries-\d condition/);
    expect(replay.out).toContain('BackoffLimitExceeded');
  });

  it('exits 0 when every seed passes', async () => {
    const r = await sweepCli('sim/parallel.yaml', '--seeds', '1-5', '--workers', '1', '-o', 'json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ runs: 5, passed: 5, failed: 0, passRate: 1, failingSeeds: [] });
    expect(json.jobs.parallel).toMatchObject({
      Complete: 5,
      completeDuration: { count: 5, p50: 33000, max: 33000 },
      failedDuration: { count: 0 },
    });
  });

  it('writes shard results that merge into the whole sweep', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobsim-sweep-'));
    const whole = await sweepCli('sim/flaky-retries.yaml', '--seeds', '1-24', '--workers', '1', '-o', 'json');
    const files: string[] = [];
    for (const i of [0, 1, 2, 3]) {
      const f = join(dir, `shard-${i}.json`);
      files.push(f);
      const r = await sweepCli(
        'sim/flaky-retries.yaml',
        '--seeds',
        '1-24',
        '--workers',
        '1',
        '--shard',
        `${i}/4`,
        '--out',
        f,
      );
      expect(r.status).toBeLessThanOrEqual(1);
      expect(r.out).toContain(`shard ${i} of 4`);
    }
    const merged = await sweepCli('merge', ...files.reverse(), '-o', 'json');
    expect(merged.status).toBe(whole.status);
    expect(merged.out).toBe(whole.out);
    const partial = await sweepCli('merge', files[0]!, files[1]!);
    expect(partial.err).toMatch(/^Warning: shards 0,1 of 4 are missing/);
    expect(partial.out).toContain('Partial result: shards 0,1 of 4 are not included.');
    writeFileSync(join(dir, 'bad.json'), '{"hello": 1}');
    const bad = await sweepCli('merge', join(dir, 'bad.json'));
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/not a jobsim sweep result/);
    const dup = await sweepCli('merge', files[0]!, files[0]!);
    expect(dup.status).toBe(2);
    expect(dup.err).toMatch(/given more than once/);
    expect(JSON.parse(readFileSync(files[0]!, 'utf8')).shards.count).toBe(4);
  });

  it('exits 2 for bad input, without a stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['sim/pi.yaml'], /needs --seeds/],
      [['sim/pi.yaml', '--seeds', 'many'], /invalid --seeds "many"/],
      // Refused before the scenario is read: no warning about pi.yaml's extensions/v1beta1 first.
      [['sim/pi.yaml', '--seeds', '9-1'], /^error: seeds: the range 9-1 is empty \(to < from\)\n$/],
      [['sim/pi.yaml', '--seeds', '3,1,3'], /^error: seeds: 3 is given more than once\n$/],
      [
        ['sim/pi.yaml', '--seeds', '1-99999999999999999999'],
        /^error: seeds: from and to must be integers of at most 2\^53-1 in magnitude, got 1 and 100000000000000000000\n$/,
      ],
      [
        ['sim/pi.yaml', '--seeds', '1-3', '--shard', '4/4'],
        /shard: the index must be an integer from 0 to 3/,
      ],
      [['sim/pi.yaml', '--seeds', '1-3', '--workers', 'lots'], /invalid --workers "lots"/],
      [['sim/pi.yaml', '--seeds', '1-3', '-o', 'yaml'], /unknown output format "yaml"/],
      [['nope.yaml', '--seeds', '1-3'], /the path "nope.yaml" does not exist/],
      [['test/cli/fixtures/always.yaml', '--seeds', '1-3'], /restartPolicy: Required value/],
      [['test/cli/fixtures/bad-yaml.yaml', '--seeds', '1-3'], /bad-yaml\.yaml:\d+:\d+: YAML syntax error/],
      [['merge'], /needs the JSON files/],
      [['sim/pi.yaml', '--seeds', '1-3', '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [argv, message] of cases) {
      const r = await sweepCli(...argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(message);
      expect(r.err).not.toContain('    at ');
    }
  });

  it('prints help', async () => {
    const r = await sweepCli('--help');
    expect(r.status).toBe(0);
    expect(r.out).toContain('jobsim sweep FILE --seeds FROM-TO');
  });
});
