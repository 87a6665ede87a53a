/**
 * Properties over generated scenarios: whatever the Jobs, behaviors and faults, every run keeps
 * every invariant, and the same input gives the same trace. Failures print the seed, the path
 * and the shrunk scenario, written to .jobsim-failures/ for `jobsim run`.
 */
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { scenario } from '../../src/testing/arbitraries.js';
import { checkDeterminism } from '../../src/testing/determinism.js';
import { assertNoViolations } from '../../src/testing/invariants.js';
import { assertProperty } from '../../src/testing/reproduce.js';
import { checkScenario } from '../../src/testing/run.js';

describe('generated scenarios', { timeout: 60_000 }, () => {
  it('keep every invariant', () => {
    assertProperty(
      fc.property(scenario(), (s) => {
        assertNoViolations(checkScenario(s).violations);
      }),
      { name: 'invariants', numRuns: 200 },
    );
  });

  it('keep every invariant with more Jobs, steps and pods', () => {
    assertProperty(
      fc.property(
        scenario({ maxJobs: 3, maxSteps: 10, maxCompletions: 6, maxParallelism: 4, maxBehaviors: 4 }),
        (s) => {
          assertNoViolations(checkScenario(s).violations);
        },
      ),
      { name: 'invariants-large', numRuns: 60 },
    );
  });

  it('run deterministically', () => {
    assertProperty(
      fc.property(scenario(), (s) => {
        const report = checkDeterminism(s);
        if (!report.deterministic) {
          const d = report.difference!;
          throw new Error(`trace line ${d.index} differs:\n  first:  ${d.first}\n  second: ${d.second}`);
        }
      }),
      { name: 'determinism', numRuns: 40 },
    );
  });
});
