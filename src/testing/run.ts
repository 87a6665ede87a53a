/**
 * Running scenarios for tests: `runScenario` plus invariants, and a twin of `runScenario` that
 * can break the controller on purpose (`faults`), to prove that properties catch bugs.
 */
import { ApiError } from '../api/errors.js';
import type { KubeObject } from '../api/types.js';
import { isJobFinished } from '../controllers/job/conditions.js';
import type { JobControllerFaults } from '../controllers/job/controller.js';
import { formatDuration } from '../engine/duration.js';
import type { CheckResult } from '../scenario/checks.js';
import { evaluateCheck } from '../scenario/checks.js';
import { type LoadedScenario, loadScenario, type Step } from '../scenario/load.js';
import { allDone, type RunEndInfo, type RunResult, runScenario } from '../scenario/run.js';
import { InvalidScenarioObjectsError, Simulation } from '../simulation.js';
import { normalizeKind } from '../store/apiserver.js';
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
  const faults = options.faults;
  if (!faults || Object.values(faults).every((v) => !v)) {
    return runScenario(loaded, options.seed === undefined ? {} : { seed: options.seed });
  }
  return runScenarioTwin(loaded, options);
}

/**
 * The twin of `runScenario` behind {@link runWithFaults}: the same construction and step loop,
 * with `faults` passed to the Job controller. Without faults its trace is byte-identical to
 * `runScenario`'s (a property test holds it to that).
 *
 * @example
 * ```ts
 * runScenarioTwin(loaded).sim.trace(); // as runScenario(loaded).sim.trace()
 * ```
 */
export function runScenarioTwin(loaded: LoadedScenario, options: TestRunOptions = {}): RunResult {
  const spec = loaded.scenario;
  const seed = options.seed ?? spec.seed;
  const sim = simulationFor(loaded, options);
  // As runScenario (until: done or a duration).
  const engine = sim.engine;
  const until = spec.until;
  const checks: CheckResult[] = [];
  let end: RunEndInfo | undefined;
  const stopAt = until === 'done' ? Number.POSITIVE_INFINITY : until;
  let index = 0;
  for (const step of spec.steps) {
    if (step.at > stopAt) break;
    const r = engine.runUntil(step.at);
    if (r.reason === 'limit') {
      end = { reason: 'limit', time: r.time, message: r.message };
      break;
    }
    let ok = true;
    let error: string | undefined;
    const position = sim.trace().length;
    const startedAt = sim.now();
    try {
      checks.push(...execStep(sim, step));
    } catch (e) {
      ok = false;
      error = e instanceof Error ? e.message : String(e);
    }
    const description = describeStep(step);
    if (step.expectError !== undefined) {
      const refused = !ok && error !== undefined && error.includes(step.expectError);
      checks.push({
        description: `step ${index} (${description}) is refused with "${step.expectError}"`,
        time: sim.now(),
        ok: refused,
        failures: refused
          ? []
          : [`at ${formatDuration(sim.now())}: step ${index} (${description}) was not refused as expected`],
      });
    } else if (!ok) {
      checks.push({
        description: `step ${index} (${description})`,
        time: sim.now(),
        ok: false,
        failures: [`at ${formatDuration(sim.now())}: step ${index} (${description}) was refused: ${error}`],
      });
    }
    sim.recordAt(position, {
      type: 'step',
      t: startedAt,
      index,
      action: step.action.type,
      description,
      ok,
      ...(error !== undefined ? { error } : {}),
    });
    engine.runUntil(sim.now());
    index++;
  }
  if (!end) {
    if (until === 'done') {
      const r = engine.runUntilIdle();
      if (r.reason === 'limit') end = { reason: 'limit', time: r.time, message: r.message };
      else if (allDone(sim))
        end = { reason: 'done', time: r.time, message: 'every Job finished and every bare Pod is terminal' };
      else {
        const open = sim.store
          .list('Job')
          .filter((j) => !isJobFinished(j))
          .map((j) => `job/${j.metadata?.name}`);
        end = {
          reason: 'idle',
          time: r.time,
          message: `nothing left to happen, but ${open.length > 0 ? `${open.join(', ')} did not finish` : 'some bare Pods are not terminal'}`,
        };
      }
    } else {
      const r = engine.runUntil(until);
      end =
        r.reason === 'limit'
          ? { reason: 'limit', time: r.time, message: r.message }
          : { reason: 'until', time: r.time, message: `stopped at until ${formatDuration(until)}` };
    }
  }
  for (const c of spec.expect) checks.push(evaluateCheck(sim, c));
  for (const c of checks)
    sim.record({ type: 'check', t: c.time, description: c.description, ok: c.ok, failures: c.failures });
  sim.record({ type: 'end', t: end.time, reason: end.reason, message: end.message });
  return {
    scenario: loaded,
    seed,
    sim,
    checks,
    end,
    warnings: loaded.warnings,
    ok: checks.every((c) => c.ok),
  };
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
  const loaded = toLoaded(input, options.file ?? '<generated>');
  const spec = loaded.scenario;
  const hasNodes = loaded.objects.some((o) => o.kind === 'Node');
  const sim = new Simulation({
    seed: options.seed ?? spec.seed,
    startTime: spec.startTime,
    nodes: spec.nodes ?? (hasNodes ? 0 : 1),
    capacity: spec.capacity,
    podStartLatency: spec.podStartMs / 1000,
    limit: spec.limitMs / 1000,
    behaviors: spec.behaviors,
    recordHistory: true,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const errors: string[] = [];
  const ordered: Array<[KubeObject, number]> = loaded.objects.map((o, i) => [o, loaded.objectLines[i] ?? 0]);
  ordered.sort((a, b) => (a[0].kind === 'Node' ? 0 : 1) - (b[0].kind === 'Node' ? 0 : 1));
  for (const [obj, line] of ordered) {
    try {
      sim.apply(obj);
    } catch (e) {
      if (e instanceof ApiError) errors.push(`${loaded.file}:${line}: ${e.message}`);
      else throw e;
    }
  }
  if (errors.length > 0) throw new InvalidScenarioObjectsError(errors);
  return sim;
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

function describeStep(step: Step): string {
  const a = step.action;
  switch (a.type) {
    case 'apply':
      return `apply ${a.objects.map((o) => `${(o.kind ?? '').toLowerCase()}/${o.metadata?.name ?? ''}`).join(', ')}`;
    case 'patch':
      return `patch ${a.kind.toLowerCase()}/${a.name} ${JSON.stringify(a.patch)}`;
    case 'delete':
      return `delete ${a.kind.toLowerCase()}/${a.name}${a.propagationPolicy ? ` (${a.propagationPolicy})` : ''}`;
    case 'exit':
      return `exit ${a.pod ? `pod/${a.pod}` : `job/${a.job}`}${a.index !== undefined ? ` index ${JSON.stringify(a.index)}` : ''}${a.container ? ` container ${a.container}` : ''} code ${a.code}${a.count > 1 ? ` x${a.count}` : ''}`;
    case 'evict':
      return `evict ${a.pod ? `pod/${a.pod}` : `job/${a.job}`}${a.index !== undefined ? ` index ${JSON.stringify(a.index)}` : ''}${a.count > 1 ? ` x${a.count}` : ''}`;
    case 'node':
      return `node ${a.name} ${a.state}`;
    case 'wait':
      return `wait ${a.kind.toLowerCase()}/${a.name} ${a.condition} (timeout ${formatDuration(a.timeoutMs)})`;
    case 'expect':
      return `expect ${a.check.kind.toLowerCase()}/${a.check.name}`;
    default:
      return (a as { type: string }).type;
  }
}

function execStep(sim: Simulation, step: Step): CheckResult[] {
  const a = step.action;
  switch (a.type) {
    case 'apply':
      sim.apply(a.objects);
      return [];
    case 'patch':
      sim.patch(a.kind, a.name, a.patch, a.namespace);
      return [];
    case 'delete':
      sim.delete(a.kind, a.name, {
        ...(a.namespace ? { namespace: a.namespace } : {}),
        ...(a.propagationPolicy ? { propagationPolicy: a.propagationPolicy } : {}),
      });
      return [];
    case 'exit': {
      const pods = sim.exit({
        code: a.code,
        count: a.count,
        ...(a.job !== undefined ? { job: a.job } : {}),
        ...(a.pod !== undefined ? { pod: a.pod } : {}),
        ...(a.index !== undefined ? { index: a.index } : {}),
        ...(a.container !== undefined ? { container: a.container } : {}),
        ...(a.reason !== undefined ? { reason: a.reason } : {}),
      });
      if (pods.length === 0) throw new Error(`no running container matched ${describeStep(step)}`);
      return [];
    }
    case 'evict': {
      const pods = sim.evict({
        count: a.count,
        ...(a.job !== undefined ? { job: a.job } : {}),
        ...(a.pod !== undefined ? { pod: a.pod } : {}),
        ...(a.index !== undefined ? { index: a.index } : {}),
      });
      if (pods.length === 0) throw new Error(`no running pod matched ${describeStep(step)}`);
      return [];
    }
    case 'node':
      sim.node(a.name, a.state);
      return [];
    case 'wait': {
      const kind = normalizeKind(a.kind);
      const deadline = sim.now() + a.timeoutMs;
      const holds = () => {
        const o = kind
          ? (sim.get(kind, a.name) as
              | { status?: { conditions?: Array<{ type?: string; status?: string }> } }
              | undefined)
          : undefined;
        return !!o?.status?.conditions?.some(
          (c) => c.type?.toLowerCase() === a.condition.toLowerCase() && c.status === 'True',
        );
      };
      if (!holds()) {
        sim.engine.runUntilIdle(
          () => holds() || (sim.engine.nextTime() ?? Number.POSITIVE_INFINITY) > deadline,
        );
        if (!holds()) sim.engine.runUntil(Math.min(deadline, sim.engine.limitMs));
      }
      const ok = holds();
      return [
        {
          description: `wait ${a.kind.toLowerCase()}/${a.name} condition ${a.condition}`,
          time: sim.now(),
          ok,
          failures: ok ? [] : [`${a.kind.toLowerCase()}/${a.name} condition ${a.condition} not True`],
        },
      ];
    }
    case 'expect':
      return [evaluateCheck(sim, a.check)];
    default:
      throw new Error(`unsupported step ${(a as { type: string }).type}`);
  }
}
