/**
 * The properties catch a broken controller: with `faults: { skipBackoff: true }` the Job
 * controller replaces failed pods without the pod failure back-off. The property over generated
 * scenarios fails, and its report carries a scenario file that, run through jobsim with the
 * same fault, shows the violation (and runs clean without it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { type GeneratedScenario, scenario } from '../../src/testing/arbitraries.js';
import { assertNoViolations, checkInvariants } from '../../src/testing/invariants.js';
import { checkProperty, type PropertyReport } from '../../src/testing/reproduce.js';
import { checkScenario, runWithFaults } from '../../src/testing/run.js';
import { baseScenario, commandArbs, modelScenarioYaml, runModel } from './model.js';

const root = join(import.meta.dirname, '..', '..');
const broken = { skipBackoff: true } as const;

describe('a controller that skips the pod failure back-off', { timeout: 60_000 }, () => {
  const failureDir = mkdtempSync(join(tmpdir(), 'jobsim-broken-'));
  let report: PropertyReport<[GeneratedScenario]>;
  beforeAll(() => {
    report = checkProperty(
      fc.property(scenario(), (s) => {
        assertNoViolations(checkScenario(s, { faults: broken }).violations);
      }),
      { name: 'skip-backoff', seed: 2024, numRuns: 200, failureDir },
    );
  }, 60_000);

  it('is caught by the invariant property', () => {
    expect(report.failed).toBe(true);
    expect(report.message).toContain('[backoff-respected]');
    expect(report.message).toContain('seed: 2024');
    expect(report.message).toMatch(/path: "\d+(:\d+)*"/);
  });

  it('leaves a shrunk scenario file that reproduces the violation', () => {
    const text = readFileSync(report.file!, 'utf8');
    expect(report.message).toContain(report.scenarioYaml!.trimEnd());
    const loaded = loadScenario(text, report.file!);
    const withFault = checkInvariants(runWithFaults(loaded, { faults: broken }).sim.trace());
    expect(withFault.map((v) => v.invariant)).toContain('backoff-respected');
    const without = checkInvariants(runWithFaults(loaded).sim.trace());
    expect(without).toEqual([]);
    // Small enough to read: one Job, a handful of lines.
    expect(loaded.objects).toHaveLength(1);
    expect(text.split('\n').length).toBeLessThan(60);
  });

  it('the file runs with `jobsim run`', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'run', report.file!, '-o', 'summary'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(out).toContain('Kubernetes v1.34 semantics');
  });

  it('is caught by the model-based test too', () => {
    const model = checkProperty(
      fc.property(baseScenario(), fc.commands(commandArbs, { maxCommands: 15 }), (base, cmds) => {
        runModel(base, cmds, broken);
      }),
      {
        name: 'skip-backoff-model',
        seed: 7,
        numRuns: 300,
        failureDir,
        toScenario: ([base, cmds]) => modelScenarioYaml(base, cmds),
      },
    );
    expect(model.failed).toBe(true);
    expect(model.message).toContain('[backoff-respected]');
    const loaded = loadScenario(readFileSync(model.file!, 'utf8'));
    expect(
      checkInvariants(runWithFaults(loaded, { faults: broken }).sim.trace()).map((v) => v.invariant),
    ).toContain('backoff-respected');
  });
});
