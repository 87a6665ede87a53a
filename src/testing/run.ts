/**
 * Running scenarios for tests: `runScenario` plus invariants, with the Job controller optionally
 * broken on purpose (`faults`), to prove that properties catch bugs.
 */
import type { JobControllerFaults } from '../controllers/job/controller.js';
import type { CheckResult } from '../scenario/checks.js';
import { type LoadedScenario, loadScenario, type Step } from '../scenario/load.js';
import { execStep, type RunResult, runScenario } from '../scenario/run.js';
import { Simulation } from '../simulation.js';
import { checkInvariants, type InvariantOptions, type Violation } from './invariants.js';

export type { JobControllerFaults };

/**
 * Options of {@link runWithFaults} and {@link checkScenario}.
 * @example
 * ```ts
 * checkScenario(text, { seed: 7, faults: { skipBackoff: true }, file: 'case.yaml' });
 * ```
 */
export interface TestRunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Breaks the Job controller on purpose (test-only), e.g. `{ skipBackoff: true }`. */
  readonly faults?: JobControllerFaults;
  /** File name used in messages (default `<generated>`). */
  readonly file?: string;
}

/**
 * Anything that holds scenario text: the text itself, or a generated scenario.
 * @example
 * ```ts
 * checkScenario(readFileSync('sim/pi.yaml', 'utf8'));
 * checkScenario(generatedScenario);
 * checkScenario(loadScenario(text));
 * ```
 */
export type ScenarioInput = string | LoadedScenario | { readonly yaml: string };

function toLoaded(input: ScenarioInput, file: string): LoadedScenario {
  if (typeof input === 'string') return loadScenario(input, file);
  if ('yaml' in input) return loadScenario(input.yaml, file);
  return input;
}

/**
 * Runs a loaded scenario like `runScenario`, with a Job controller broken by `faults`. Without
 * faults it is `runScenario` itself, so the run is exactly what `jobsim run FILE` does.
 *
 * @example
 * ```ts
 * const result = runWithFaults(loadScenario(text), { faults: { skipBackoff: true } });
 * checkInvariants(result.sim.trace()); // [{ invariant: 'backoff-respected', ... }]
 * ```
 * @throws InvalidScenarioObjectsError when an object of the file is invalid (nothing runs).
 */
export function runWithFaults(loaded: LoadedScenario, options: TestRunOptions = {}): RunResult {
  return runScenario(loaded, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
}

/**
 * A simulation of scenario text at time 0 (its cluster, behaviors and objects, Nodes first),
 * as `Simulation.fromScenario` builds it, with `faults` passed to the Job controller. Steps
 * are not run: drive it yourself (see {@link applyStep}).
 *
 * @example
 * ```ts
 * const sim = simulationFor(text, { faults: { skipBackoff: true } });
 * sim.runUntilIdle();
 * ```
 * @throws ScenarioError, InvalidScenarioObjectsError for bad input.
 */
export function simulationFor(input: ScenarioInput, options: TestRunOptions = {}): Simulation {
  return Simulation.fromScenario(toLoaded(input, options.file ?? '<generated>'), {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
}

/**
 * The outcome of {@link checkScenario}.
 * @example
 * ```ts
 * const { violations, result } = checkScenario(text);
 * result.end.reason; // 'done'
 * ```
 */
export interface ScenarioReport {
  /** Invariant violations (empty when the run is sound). */
  readonly violations: readonly Violation[];
  /** The run itself (simulation, checks, end). */
  readonly result: RunResult;
}

/**
 * Runs scenario text (or a generated scenario) to its end and checks every invariant on the trace.
 *
 * @example
 * ```ts
 * import { checkScenario } from 'jobsim/testing';
 * const { violations, result } = checkScenario(readFileSync('sim/pi.yaml', 'utf8'));
 * violations; // []
 * result.end.reason; // 'done'
 * ```
 * @throws ScenarioError, InvalidScenarioObjectsError for bad input.
 */
export function checkScenario(
  input: ScenarioInput,
  options: TestRunOptions & { readonly invariants?: InvariantOptions } = {},
): ScenarioReport {
  const loaded = toLoaded(input, options.file ?? '<generated>');
  const result = runWithFaults(loaded, options);
  return { violations: checkInvariants(result.sim.trace(), options.invariants), result };
}

/**
 * Runs one scenario step (YAML form, as {@link faults} generates them, or a loaded `Step`) on a
 * simulation now, as `runScenario` does, ignoring its `at`/`after`. Throws when the API refuses it.
 *
 * @example
 * ```ts
 * applyStep(sim, { patch: { kind: 'Job', name: 'pi', spec: { suspend: true } } });
 * applyStep(sim, { exit: { job: 'pi', code: 1 } });
 * ```
 */
export function applyStep(sim: Simulation, step: Readonly<Record<string, unknown>> | Step): CheckResult[] {
  let parsed: Step;
  if ('action' in step && typeof step.action === 'object' && step.action !== null && 'type' in step.action) {
    parsed = step as Step;
  } else {
    const { at: _at, after: _after, ...body } = step as Record<string, unknown>;
    const doc = JSON.stringify({ apiVersion: 'jobsim/v1alpha1', kind: 'Scenario', spec: { steps: [body] } });
    parsed = loadScenario(doc, '<step>').scenario.steps[0]!;
  }
  return execStep(sim, parsed);
}
