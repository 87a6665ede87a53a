/**
 * The arbitraries generate only valid input, cover the modelled fields, and shrink to small
 * readable scenarios.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobSpec } from '../../../src/api/types.js';
import { loadScenario } from '../../../src/scenario/load.js';
import { runScenario } from '../../../src/scenario/run.js';
import { Simulation } from '../../../src/simulation.js';
import {
  behaviors,
  faults,
  formatIndexList,
  job,
  jobSpec,
  scenario,
  scenarioYaml,
} from '../../../src/testing/arbitraries.js';

describe('job and jobSpec', () => {
  it('generates Jobs the API server accepts', () => {
    fc.assert(
      fc.property(job({ name: 'pi', maxCompletions: 5, maxParallelism: 4 }), (j) => {
        const sim = new Simulation({ nodes: 1 });
        sim.apply(j);
        expect(sim.get('Job', 'pi')).toBeDefined();
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('covers the modelled fields and their combinations', () => {
    const specs = fc.sample(jobSpec(), { numRuns: 1500, seed: 3 });
    const seen = new Set<string>();
    const note = (k: string, cond: unknown) => {
      if (cond) seen.add(k);
    };
    for (const s of specs as JobSpec[]) {
      note('work-queue', s.completions === undefined && s.completionMode !== 'Indexed');
      note('completions 0', s.completions === 0);
      note('parallelism 0', s.parallelism === 0);
      note('Indexed', s.completionMode === 'Indexed');
      note('backoffLimitPerIndex', s.backoffLimitPerIndex !== undefined);
      note('maxFailedIndexes', s.maxFailedIndexes !== undefined);
      note('successPolicy', s.successPolicy !== undefined);
      note('suspend', s.suspend === true);
      note('activeDeadlineSeconds', s.activeDeadlineSeconds !== undefined);
      note('backoffLimit', s.backoffLimit !== undefined);
      note('podReplacementPolicy', s.podReplacementPolicy !== undefined);
      note('OnFailure', s.template.spec?.restartPolicy === 'OnFailure');
      note('requests', s.template.spec?.containers[0]?.resources?.requests !== undefined);
      for (const r of s.podFailurePolicy?.rules ?? []) {
        note(`pfp ${r.action}`, true);
        note('pfp onExitCodes', r.onExitCodes);
        note(
          'pfp DisruptionTarget',
          r.onPodConditions?.some((c) => c.type === 'DisruptionTarget'),
        );
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'work-queue',
        'completions 0',
        'parallelism 0',
        'Indexed',
        'backoffLimitPerIndex',
        'maxFailedIndexes',
        'successPolicy',
        'suspend',
        'activeDeadlineSeconds',
        'backoffLimit',
        'podReplacementPolicy',
        'OnFailure',
        'requests',
        'pfp FailJob',
        'pfp Ignore',
        'pfp Count',
        'pfp FailIndex',
        'pfp onExitCodes',
        'pfp DisruptionTarget',
      ].sort(),
    );
  });

  it('honours completionMode and bounds', () => {
    for (const s of fc.sample(
      jobSpec({ completionMode: 'Indexed', maxCompletions: 2, maxParallelism: 1 }),
      200,
    )) {
      expect(s.completionMode).toBe('Indexed');
      expect(s.completions ?? 0).toBeLessThanOrEqual(2);
      expect(s.parallelism ?? 1).toBeLessThanOrEqual(1);
    }
  });
});

describe('behaviors and faults', () => {
  it('behavior rules survive a trip through a scenario file', () => {
    fc.assert(
      fc.property(behaviors({ jobs: ['pi', 'other'] }), (rules) => {
        const text = scenarioYaml({ seed: 1, nodes: 1, jobs: [], behaviors: rules, steps: [] });
        expect(loadScenario(text).scenario.behaviors).toEqual(rules);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('fault steps load and name the given Jobs and nodes', () => {
    fc.assert(
      fc.property(faults({ jobs: ['pi'], nodes: ['node-0', 'node-1'], minSteps: 1 }), (steps) => {
        const text = scenarioYaml({ seed: 1, nodes: 2, jobs: [], behaviors: [], steps });
        const loaded = loadScenario(text).scenario.steps;
        expect(loaded.length).toBe(steps.length);
        for (const s of loaded) {
          const a = s.action as { job?: string; name?: string };
          if (a.job !== undefined) expect(a.job).toBe('pi');
          if (s.action.type === 'node') expect(['node-0', 'node-1']).toContain(a.name);
        }
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe('scenario', () => {
  it('generates files whose objects and steps the API accepts', () => {
    fc.assert(
      fc.property(scenario({ maxSteps: 8 }), (s) => {
        const result = runScenario(loadScenario(s.yaml));
        // Only exit/evict may find nothing to act on; the API never refuses a generated step.
        const refused = result.sim
          .trace()
          .filter((e) => e.type === 'step' && !e.ok && e.action !== 'exit' && e.action !== 'evict');
        expect(refused).toEqual([]);
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  it('shrinks to a small readable scenario', () => {
    const details = fc.check(
      fc.property(scenario(), (s) => s.steps.length < 2),
      { seed: 99, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const [s] = details.counterexample!;
    expect(s.steps).toHaveLength(2);
    expect(s.jobs).toHaveLength(1);
    expect(s.behaviors).toEqual([]);
    expect(s.nodes).toBe(1);
    expect(s.seed).toBe(1);
    expect(s.jobs[0]!.spec).toEqual({
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
    });
    expect(s.yaml.split('\n').length).toBeLessThan(40);
    expect(fc.stringify(s)).toContain('kind: Scenario');
  });

  it('formats index lists like completedIndexes', () => {
    expect(formatIndexList([1, 3, 4, 5, 7])).toBe('1,3-5,7');
    expect(formatIndexList([0, 1])).toBe('0,1');
    expect(formatIndexList([])).toBe('');
  });
});
