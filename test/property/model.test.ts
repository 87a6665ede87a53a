/**
 * Model-based test: fast-check `commands` drive a live Simulation with random faults and waits;
 * every invariant is checked after each command and at the end. A failure is reported with the
 * seed, the path and a scenario file that replays the command sequence.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { checkInvariants } from '../../src/testing/invariants.js';
import { assertProperty } from '../../src/testing/reproduce.js';
import { baseScenario, commandArbs, modelScenarioYaml, runModel } from './model.js';

describe('Simulation driven by random commands', { timeout: 60_000 }, () => {
  it('keeps every invariant after each command', () => {
    assertProperty(
      fc.property(baseScenario(), fc.commands(commandArbs, { maxCommands: 15 }), (base, cmds) => {
        runModel(base, cmds);
      }),
      {
        name: 'model-based',
        numRuns: 100,
        toScenario: ([base, cmds]) => modelScenarioYaml(base, cmds),
      },
    );
  });

  it('turns a command sequence into a scenario file that replays it', () => {
    const samples = fc.sample(fc.tuple(baseScenario(), fc.commands(commandArbs, { maxCommands: 8 })), {
      numRuns: 10,
      seed: 4,
    });
    for (const [base, cmds] of samples) {
      const text = modelScenarioYaml(base, cmds);
      const result = runScenario(loadScenario(text));
      expect(result.scenario.scenario.steps.length).toBeGreaterThanOrEqual(0);
      expect(checkInvariants(result.sim.trace())).toEqual([]);
    }
    const steps = samples.map(([b, c]) => loadScenario(modelScenarioYaml(b, c)).scenario.steps.length);
    expect(Math.max(...steps)).toBeGreaterThan(0);
  });
});
