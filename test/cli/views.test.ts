import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { getPodsTable } from '../../src/views/pods.js';
import { root, runCli } from '../helpers/cli.js';

const run = runCli;

describe('jobsim get/describe at a virtual time', () => {
  it('get pods --at 15s shows the state at 15s, the same objects as the library at()', () => {
    const r = run('get', 'pods', '-f', 'sim/parallel.yaml', '--at', '15s');
    expect(r.status).toBe(0);
    const full = runScenario(
      loadScenario(readFileSync(join(root, 'sim/parallel.yaml'), 'utf8'), 'sim/parallel.yaml'),
    );
    const snap = full.sim.at('15s');
    expect(r.out).toBe(getPodsTable(snap.list('Pod'), snap.nowEpoch));
    // at 15s: two pods done, two running (created at 11s)
    expect(r.out.match(/Completed/g)?.length).toBe(2);
    expect(r.out.match(/Running/g)?.length).toBe(2);
    expect(r.out).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/m);
  });

  it('get jobs shows kubectl columns and the status at that time', () => {
    const r = run('get', 'jobs', '-f', 'sim/parallel.yaml', '--at', '15s');
    expect(r.out).toBe(
      'NAME       STATUS    COMPLETIONS   DURATION   AGE\nparallel   Running   2/5           15s        15s\n',
    );
  });

  it('get -o json returns a List; a missing name is NotFound', () => {
    const r = run('get', 'jobs', '-f', 'sim/pi.yaml', '-o', 'json');
    const list = JSON.parse(r.out);
    expect(list.kind).toBe('List');
    expect(list.items[0].status.succeeded).toBe(1);
    const nf = run('get', 'jobs', 'nope', '-f', 'sim/pi.yaml');
    expect(nf.status).toBe(2);
    expect(nf.err).toBe('Error from server (NotFound): jobs.batch "nope" not found\n');
  });

  it('describe job lists pod statuses and the events table', () => {
    const r = run('describe', 'job/parallel', '-f', 'sim/parallel.yaml');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Name:\s+parallel$/m);
    expect(r.out).toMatch(/^Pods Statuses:\s+0 Active \(0 Ready\) \/ 5 Succeeded \/ 0 Failed$/m);
    expect(r.out).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/);
  });
});

describe('jobsim run output formats', () => {
  it('-o json has the checks, the end and the final objects', () => {
    const r = run('run', 'sim/parallel.yaml', '-o', 'json');
    expect(r.status).toBe(0);
    const body = JSON.parse(r.out);
    expect(body.ok).toBe(true);
    expect(body.end.reason).toBe('done');
    expect(body.checks.length).toBe(4);
    expect(body.jobs[0].metadata.name).toBe('parallel');
  });

  it('-o jsonl is the full trace, one JSON event per line', () => {
    const r = run('run', 'sim/pi.yaml', '-o', 'jsonl');
    const lines = r.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ t: 0, type: 'object', verb: 'ADDED', kind: 'Node' });
    expect(lines.at(-1)).toMatchObject({ type: 'end', reason: 'done' });
  });

  it('-o summary prints the job table and checks only', () => {
    const r = run('run', 'sim/parallel.yaml', '-o', 'summary');
    expect(r.out).toContain('Checks: 4 passed, 0 failed');
    expect(r.out).not.toContain('pod/parallel-');
  });

  it('exits 1 with time, expected and actual when a check fails', () => {
    const r = run('run', 'test/cli/fixtures/failing-check.yaml');
    expect(r.status).toBe(1);
    expect(r.out).toContain('at 12s: job/pi status.succeeded: expected 2, got 1');
  });
});

describe('jobsim timeline', () => {
  it('draws one row per pod grouped by node, with restarts and conditions', () => {
    const r = run('timeline', '-f', 'sim/onfailure-restarts.yaml', '--width', '90');
    expect(r.status).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('node-0');
    const row = lines.find((l) => l.startsWith('  flaky-'));
    expect(row).toMatch(/=+!=+_+!=+S$/);
    expect(r.out).toContain('job/flaky Complete (CompletionsReached)');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(200);
  });
});
