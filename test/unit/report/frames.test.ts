/**
 * The scrubber's views are the CLI's views: at every precomputed instant, the jobs, pods and
 * events tables are the text `jobsim get ... --at T` prints, and a bounded table shows only
 * lines of the full table.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../src/engine/duration.js';
import { buildReportData } from '../../../src/report/build.js';
import { buildFrames, chooseFrameTimes, niceStep } from '../../../src/report/frames.js';
import type { Frame, FrameChunk, TableText } from '../../../src/report/model.js';
import { unpackChunk } from '../../../src/report/pack.js';
import { getEventsTable } from '../../../src/views/events.js';
import { getJobsTable } from '../../../src/views/jobs.js';
import { getPodsTable } from '../../../src/views/pods.js';
import { cli, manyPods, root, runFile, runText } from './helpers.js';

const SCENARIOS = [
  'sim/pi.yaml',
  'sim/backoff-limit.yaml',
  'sim/deadline.yaml',
  'sim/indexed-one-failure.yaml',
  'sim/node-failure.yaml',
  'sim/onfailure-restarts.yaml',
  'sim/parallel.yaml',
  'sim/pod-failure-policy.yaml',
  'sim/suspend-resume.yaml',
].filter((f) => existsSync(join(root, f)));

function frames(data: ReturnType<typeof buildReportData>): Frame[] {
  return data.frameChunks.flatMap((c) => unpackChunk<FrameChunk>(c).frames);
}

const trim = (s: string) => s.replace(/\n$/, '');

describe('frame times', () => {
  it('uses round steps', () => {
    expect(niceStep(12_000, 100)).toBe(1000);
    expect(niceStep(963_000, 100)).toBe(10_000);
    expect(niceStep(0, 100)).toBe(1000);
    expect(niceStep(500, 100)).toBe(1000);
  });

  it('include every change, a grid and the end when there is room', () => {
    const r = runFile('sim/pi.yaml');
    const { times, sampled } = chooseFrameTimes(r.sim.trace(), r.sim.now(), 300);
    expect(sampled).toBe(false);
    for (const e of r.sim.trace()) expect(times).toContain(e.t);
    expect(times).toContain(5000);
    expect(times[times.length - 1]).toBe(r.sim.now());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('are sampled, keeping steps and Job condition changes, when there are too many', () => {
    const r = runText(manyPods(300, 40));
    const { times, sampled } = chooseFrameTimes(r.sim.trace(), r.sim.now(), 60);
    expect(sampled).toBe(true);
    expect(times.length).toBeLessThanOrEqual(60);
    expect(times[0]).toBe(0);
    expect(times[times.length - 1]).toBe(r.sim.now());
  });
});

describe.each(SCENARIOS)('views of %s', (file) => {
  const r = runFile(file);
  const data = buildReportData(r, { jobsimVersion: 'test' });
  const all = frames(data);
  const start = r.sim.store.startTime;

  it('has one frame per frame time', () => {
    expect(all.map((f) => f.t)).toEqual(data.frameTimes);
  });

  it('equal the view functions on the cluster snapshot at every frame', () => {
    for (const f of all) {
      const snap = r.sim.at(f.t);
      const now = start + f.t;
      expect(f.pods.text, `pods at ${f.t}`).toBe(trim(getPodsTable(snap.list('Pod'), now)));
      expect(f.jobs.text, `jobs at ${f.t}`).toBe(trim(getJobsTable(snap.list('Job'), now)));
      expect(f.events.text, `events at ${f.t}`).toBe(trim(getEventsTable(snap.list('Event'), now)));
      expect(f.pods.gaps).toBeUndefined();
      expect(f.pods.rows).toBe(snap.list('Pod').length);
    }
  });

  it('equal what jobsim get prints at 5s and at the end', () => {
    const times = [all.find((f) => f.t === 5000), all[all.length - 1]].filter((f) => f !== undefined);
    for (const f of times) {
      for (const [kind, table] of [
        ['pods', f.pods],
        ['jobs', f.jobs],
        ['events', f.events],
      ] as const) {
        const out = cli('get', kind, '-f', file, '--at', formatDuration(f.t));
        expect(out.status).toBe(0);
        if (table.rows === 0) expect(out.err).toBe('No resources found in default namespace.\n');
        else expect(`${table.text}\n`, `${kind} at ${formatDuration(f.t)}`).toBe(out.out);
      }
    }
  });
});

/** The shown lines are a subsequence of the full table's lines, and the gaps count the rest. */
function expectSubsetOf(table: TableText, full: string): void {
  const fullLines = trim(full).split('\n');
  const shown = table.text.split('\n');
  expect(shown[0]).toBe(fullLines[0]);
  let j = 1;
  for (const line of shown.slice(1)) {
    while (j < fullLines.length && fullLines[j] !== line) j++;
    expect(j, `line ${JSON.stringify(line)} is a line of the full table, in order`).toBeLessThan(
      fullLines.length,
    );
    j++;
  }
  const omitted = (table.gaps ?? []).reduce((a, g) => a + g[1], 0);
  expect(shown.length - 1 + omitted).toBe(fullLines.length - 1);
  expect(table.rows).toBe(fullLines.length - 1);
}

describe('bounded tables of a large run', () => {
  const r = runText(manyPods(400, 60));
  const trace = r.sim.trace();
  const { times } = chooseFrameTimes(trace, r.sim.now(), 25);
  const start = r.sim.store.startTime;
  const cap = 15;
  const built = buildFrames(trace, times, start, cap);

  it('show at most the cap plus the rows that set column widths', () => {
    for (const f of built) {
      expect(f.pods.text.split('\n').length - 1).toBeLessThanOrEqual(cap + 4);
      expect(f.events.text.split('\n').length - 1).toBeLessThanOrEqual(cap + 4);
    }
  });

  it('show only lines of the full tables, with the full tables column widths', () => {
    for (const f of built) {
      const snap = r.sim.at(f.t);
      const now = start + f.t;
      expectSubsetOf(f.pods, getPodsTable(snap.list('Pod'), now));
      expectSubsetOf(f.events, getEventsTable(snap.list('Event'), now));
      expectSubsetOf(f.jobs, getJobsTable(snap.list('Job'), now));
    }
  });

  it('keep the active pods first', () => {
    const mid = built[Math.floor(built.length / 2)]!;
    const running = mid.counts.Running ?? 0;
    const shownRunning = mid.pods.text.split('\n').filter((l) => /\sRunning\s/.test(l)).length;
    expect(shownRunning).toBe(Math.min(running, cap));
  });

  it('count pods by STATUS', () => {
    for (const f of built) {
      const total = Object.values(f.counts).reduce((a, b) => a + b, 0);
      expect(total).toBe(f.pods.rows);
    }
  });
});
