/**
 * `jobsim/testing`: what test suites need to test code against simulated Jobs, and to test
 * jobsim itself: fast-check arbitraries that generate valid Jobs, behaviors, faults and whole
 * scenarios; invariants checked from the trace; Vitest matchers; reproducible property
 * failures (seed, path, a YAML file for `jobsim run`); a determinism self-check.
 *
 * Needs `fast-check` (arbitraries, properties) and, for the matchers' types, `vitest`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { expect, it } from 'vitest';
 * import { assertNoViolations, assertProperty, checkScenario, installMatchers, scenario } from 'jobsim/testing';
 *
 * installMatchers(expect);
 * it('keeps every invariant', () => {
 *   assertProperty(fc.property(scenario(), (s) => assertNoViolations(checkScenario(s).violations)));
 * });
 * ```
 * @packageDocumentation
 */

export type {
  BehaviorOptions,
  FaultOptions,
  FaultTarget,
  GeneratedScenario,
  JobOptions,
  JobSpecOptions,
  ScenarioOptions,
  ScenarioParts,
  ScenarioStep,
} from './arbitraries.js';
export {
  behaviors,
  behaviorToYaml,
  faults,
  formatIndexList,
  job,
  jobSpec,
  scenario,
  scenarioYaml,
} from './arbitraries.js';
export type { DeterminismReport, TraceDifference } from './determinism.js';
export { checkDeterminism, compareTraces, traceLines } from './determinism.js';
export type { EndReason, InvariantName, InvariantOptions, Violation } from './invariants.js';
export {
  assertNoViolations,
  checkInvariants,
  formatViolations,
  INVARIANTS,
  InvariantChecker,
  InvariantViolationError,
  watchInvariants,
} from './invariants.js';
export type {
  EventMatch,
  JobStatusMatch,
  JobsimMatchers,
  MatcherContext,
  MatcherSubject,
} from './matchers.js';
export { installMatchers, jobsimMatchers } from './matchers.js';
export type { PropertyOptions, PropertyReport } from './reproduce.js';
export { assertProperty, checkProperty, findScenario, PropertyFailedError } from './reproduce.js';
export type { JobControllerFaults, ScenarioInput, ScenarioReport, TestRunOptions } from './run.js';
export { applyStep, checkScenario, runWithFaults, simulationFor } from './run.js';
