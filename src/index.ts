/**
 * jobsim: deterministic, in-memory simulation of Kubernetes batch/v1 Jobs on a virtual clock.
 *
 * @example
 * ```ts
 * import { Simulation } from 'jobsim';
 * const sim = Simulation.kubernetesVersion; // 'v1.34'
 * ```
 * @packageDocumentation
 */

export type { FieldError } from './api/errors.js';
export {
  AlreadyExistsError,
  ApiError,
  formatFieldError,
  InvalidObjectError,
  NotFoundError,
} from './api/errors.js';
export type {
  CronJob,
  DeepReadonly,
  Event,
  Job,
  JobCondition,
  JobSpec,
  JobStatus,
  Kind,
  KubeObject,
  LabelSelector,
  Node,
  Pod,
} from './api/types.js';
export { DurationError, formatDuration, parseDuration } from './engine/duration.js';
export type { RunEnd } from './engine/engine.js';
export type { BehaviorRule, ContainerPlan, RunSpec } from './kubelet/behaviors.js';
export { KUBERNETES_VERSION } from './profile.js';
export type { CheckResult } from './scenario/checks.js';
export type { Check, LoadedScenario, ScenarioSpec, Step, StepAction } from './scenario/load.js';
export { loadScenario, ScenarioError } from './scenario/load.js';
export type { RunEndInfo, RunOptions, RunResult } from './scenario/run.js';
export { runScenario, runScenarioText } from './scenario/run.js';
export { type JobsimServer, type ServeOptions, serve } from './serve/server.js';
export type { PodTarget, SimulationEvents, SimulationOptions } from './simulation.js';
export { ClusterSnapshot, InvalidScenarioObjectsError, Simulation } from './simulation.js';
export type { FailingSeed, JobSummary, SweepOptions, SweepPoolOptions, SweepResult } from './sweep/index.js';
export { formatSweep, mergeSweeps, SeedError, SweepInputError, SweepPool, sweep } from './sweep/index.js';
export type { TraceEvent } from './trace.js';
