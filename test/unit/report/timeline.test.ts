/** Lanes, node tracks, markers and the activity overview, from real scenario runs. */
import { describe, expect, it } from 'vitest';
import { buildActivity, buildTimeline } from '../../../src/report/lanes.js';
import { manyPods, runFile, runText } from './helpers.js';

const RUNNING = 1;
const BACKOFF = 2;
const SUCCEEDED = 4;
const FAILED = 5;

describe('lanes', () => {
  it('pi: one pod on node-0, Running then Succeeded, and the Complete condition on the axis', () => {
    const { lanes, markers } = buildTimeline(runFile('sim/pi.yaml').sim.trace());
    expect(lanes).toHaveLength(1);
    const l = lanes[0]!;
    expect(l.node).toBe('node-0');
    expect(l.job).toBe('pi');
    expect(l.s.map((s) => s[1])).toEqual([RUNNING, SUCCEEDED]);
    expect(l.s[1]![0]).toBe(10_000);
    expect(l.del).toBe(-1);
    expect(markers.filter((m) => m.kind === 'cond').map((m) => m.tag)).toEqual([
      'SuccessCriteriaMet',
      'Complete',
    ]);
  });

  it('onfailure-restarts: restarts in place and a CrashLoopBackOff gap', () => {
    const { lanes } = buildTimeline(runFile('sim/onfailure-restarts.yaml').sim.trace());
    const l = lanes[0]!;
    expect(l.m.filter((m) => m[1] === 'r').map((m) => m[0])).toEqual([5000, 20_000]);
    expect(l.s).toContainEqual([10_000, BACKOFF]);
    expect(l.s[l.s.length - 1]![1]).toBe(SUCCEEDED);
  });

  it('suspend-resume: pods deleted at the suspension, new ones after the resume; the step and Suspended on the axis', () => {
    const { lanes, markers } = buildTimeline(runFile('sim/suspend-resume.yaml').sim.trace());
    const first = lanes.slice(0, 2);
    for (const l of first) {
      expect(l.del).toBe(5000);
      expect(l.s[l.s.length - 1]).toEqual([5000, FAILED]);
      expect(l.m.some((m) => m[1] === 'x' && m[0] === 5000)).toBe(true);
    }
    expect(lanes.slice(2).every((l) => l.s[0]![0] >= 60_000)).toBe(true);
    expect(markers.some((m) => m.kind === 'step' && m.tag === 'patch' && m.t === 5000)).toBe(true);
    expect(markers.some((m) => m.kind === 'cond' && m.tag === 'Suspended' && m.t === 5000)).toBe(true);
    expect(markers.some((m) => m.kind === 'cond' && m.tag === 'Suspended=False' && m.t === 60_000)).toBe(
      true,
    );
  });

  it('node-failure: the node track shows Ready=Unknown, its pod a disruption and a Terminating span', () => {
    const { lanes, nodes } = buildTimeline(runFile('sim/node-failure.yaml').sim.trace());
    const node0 = nodes.find((n) => n.name === 'node-0')!;
    expect(node0.ready.map((r) => r[1])).toEqual(['True', 'Unknown', 'True']);
    expect(node0.notes.some((n) => n[1].includes('unreachable'))).toBe(true);
    const evicted = lanes.find((l) => l.node === 'node-0')!;
    expect(evicted.m.some((m) => m[1] === 'd')).toBe(true);
    expect(evicted.s.some((s) => s[1] === 3)).toBe(true);
  });

  it('every span starts no earlier than the previous one and before the deletion', () => {
    const { lanes } = buildTimeline(runText(manyPods(200, 30)).sim.trace());
    for (const l of lanes) {
      for (let i = 1; i < l.s.length; i++) expect(l.s[i]![0]).toBeGreaterThan(l.s[i - 1]![0]);
      for (let i = 1; i < l.s.length; i++) expect(l.s[i]![1]).not.toBe(l.s[i - 1]![1]);
      if (l.del >= 0) expect(l.s[l.s.length - 1]![0]).toBeLessThanOrEqual(l.del);
      expect(l.sv).toHaveLength(l.s.length);
    }
  });
});

describe('activity overview', () => {
  it('counts active pods per bin and finished pods by then', () => {
    const r = runText(manyPods(200, 30));
    const { lanes } = buildTimeline(r.sim.trace());
    const withWhy = lanes.map((l) => ({ ...l, sw: [] }));
    const a = buildActivity(withWhy, r.sim.now(), 50);
    expect(a.counts).toHaveLength(50);
    for (const c of a.counts) expect(c[0] + c[1] + c[2] + c[3]).toBeLessThanOrEqual(30);
    expect(a.counts[1]![RUNNING]).toBe(30);
    const lastDone = a.done[a.done.length - 1]!;
    expect(lastDone[0]).toBeGreaterThan(150);
    for (let i = 1; i < a.done.length; i++) expect(a.done[i]![0]).toBeGreaterThanOrEqual(a.done[i - 1]![0]);
  });
});
