/**
 * Reproducible property failures: seed, path, and the shrunk scenario as a file that loads.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { scenario } from '../../../src/testing/arbitraries.js';
import {
  assertProperty,
  checkProperty,
  findScenario,
  PropertyFailedError,
} from '../../../src/testing/reproduce.js';

const dir = () => mkdtempSync(join(tmpdir(), 'jobsim-failures-'));
/** Fails on any scenario with two Jobs. */
const twoJobs = fc.property(scenario({ maxJobs: 3 }), (s) => {
  if (s.jobs.length >= 2) throw new Error(`found ${s.jobs.length} Jobs`);
});

describe('checkProperty', () => {
  it('holds: no file, no message', () => {
    const failureDir = dir();
    const report = checkProperty(
      fc.property(scenario({ maxJobs: 1 }), (s) => s.jobs.length === 1),
      {
        numRuns: 20,
        failureDir,
      },
    );
    expect(report.failed).toBe(false);
    expect(report.file).toBeUndefined();
    expect(report.message).toBe('');
  });

  it('fails: writes the shrunk scenario with seed and path', () => {
    const failureDir = dir();
    const report = checkProperty(twoJobs, { seed: 42, name: 'two jobs', failureDir });
    expect(report.failed).toBe(true);
    expect(report.seed).toBe(42);
    expect(report.path).toMatch(/^\d+(:\d+)*$/);
    expect(report.file).toBe(join(failureDir, 'two-jobs-seed42.yaml'));
    const text = readFileSync(report.file!, 'utf8');
    expect(text).toMatch(/^# jobsim property failure: two jobs\n# fast-check seed 42, path "/);
    expect(text).toContain(`# reproduce the run: npx jobsim run ${report.file}`);
    expect(text).toContain('# found 2 Jobs');
    const loaded = loadScenario(text);
    expect(loaded.objects.map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(report.message).toContain('seed: 42');
    expect(report.message).toContain(`reproduce: npx jobsim run ${report.file}`);
    expect(report.message).toContain('kind: Scenario');
  });

  it('replays the same counterexample from seed and path', () => {
    const failureDir = dir();
    const first = checkProperty(twoJobs, { seed: 7, failureDir });
    const again = checkProperty(twoJobs, { seed: 7, path: first.path!, endOnFailure: true, failureDir });
    expect(again.scenarioYaml).toBe(first.scenarioYaml);
  });

  it('uses toScenario for counterexamples that are not generated scenarios', () => {
    const failureDir = dir();
    const report = checkProperty(
      fc.property(fc.nat(), (n) => n < 5),
      {
        seed: 1,
        failureDir,
        toScenario: (ce) => `# n = ${ce[0]}\n`,
      },
    );
    expect(report.scenarioYaml).toBe('# n = 5\n');
    expect(existsSync(report.file!)).toBe(true);
  });
});

describe('assertProperty', () => {
  it('throws a PropertyFailedError with the report', () => {
    const failureDir = dir();
    let error: unknown;
    try {
      assertProperty(twoJobs, { seed: 3, failureDir, log: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PropertyFailedError);
    const report = (error as PropertyFailedError).report;
    expect(report.file).toBeDefined();
    expect((error as Error).message).toMatch(/Property "property" failed after \d+ run\(s\)/);
  });

  it('findScenario looks inside tuples and objects', () => {
    const [s] = fc.sample(scenario(), { numRuns: 1, seed: 1 });
    expect(findScenario([1, { x: [s] }])).toBe(s);
    expect(findScenario([1, 'a'])).toBeUndefined();
  });
});
