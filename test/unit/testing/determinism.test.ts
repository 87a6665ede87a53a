/**
 * The determinism self-check: two runs of the same input compare equal; any difference is
 * located to the first trace line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { runScenario } from '../../../src/scenario/run.js';
import { checkDeterminism, compareTraces, traceLines } from '../../../src/testing/determinism.js';

const pi = readFileSync(join(import.meta.dirname, '..', '..', '..', 'sim', 'pi.yaml'), 'utf8');

describe('checkDeterminism', () => {
  it('finds two runs of the same file byte-identical', () => {
    const report = checkDeterminism(pi);
    expect(report.deterministic).toBe(true);
    expect(report.lines).toBeGreaterThan(10);
    expect(report.difference).toBeUndefined();
  });

  it('also with a broken controller, and with a loaded scenario reused', () => {
    expect(checkDeterminism(loadScenario(pi), { faults: { skipBackoff: true } }).deterministic).toBe(true);
  });

  it('locates the first difference between traces', () => {
    const a = runScenario(loadScenario(pi), { seed: 1 }).sim.trace();
    const b = runScenario(loadScenario(pi), { seed: 2 }).sim.trace();
    const report = compareTraces(a, b);
    expect(report.deterministic).toBe(false);
    const d = report.difference!;
    expect(traceLines(a)[d.index]).toBe(d.first);
    expect(traceLines(b)[d.index]).toBe(d.second);
    expect(traceLines(a).slice(0, d.index)).toEqual(traceLines(b).slice(0, d.index));
  });

  it('reports a shorter trace', () => {
    const a = runScenario(loadScenario(pi)).sim.trace();
    const report = compareTraces(a, a.slice(0, 3));
    expect(report.difference).toEqual({ index: 3, first: traceLines(a)[3], second: undefined });
  });
});
