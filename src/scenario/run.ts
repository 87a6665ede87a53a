/**
 * Running a scenario: objects at time 0 (Nodes first), steps in order, until/limit, checks.
 */
import { isJobFinished } from '../controllers/job/conditions.js';
import type { JobControllerFaults } from '../controllers/job/controller.js';
import { isPodTerminal } from '../controllers/podutil.js';
import { formatDuration } from '../engine/duration.js';
import { InvalidScenarioObjectsError, Simulation } from '../simulation.js';

export { InvalidScenarioObjectsError };

import { normalizeKind } from '../store/apiserver.js';
import { type CheckResult, evaluateCheck } from './checks.js';
import { type LoadedScenario, loadScenario, type Step } from './load.js';

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Overrides `until` ('done' or a duration in ms). */
  readonly until?: 'done' | number;
  /** Keep every object version (for timelines and `at()`); default true. */
  readonly recordHistory?: boolean;
  /** Test-only: break the Job controller on purpose (see `jobsim/testing`). */
  readonly faults?: JobControllerFaults;
  /** Called every 16384 events with the virtual time and the events so far (progress display). */
  readonly progress?: (virtualMs: number, events: number) => void;
}

/** How the run ended. */
export interface RunEndInfo {
  readonly reason: 'done' | 'until' | 'limit' | 'idle';
  readonly time: number;
  readonly message: string;
}

/** The result of a scenario run. */
export interface RunResult {
  readonly scenario: LoadedScenario;
  readonly seed: number;
  readonly sim: Simulation;
  readonly checks: readonly CheckResult[];
  readonly end: RunEndInfo;
  readonly warnings: readonly string[];
  /** True when every check held. */
  readonly ok: boolean;
}

/** Builds the simulation of a loaded scenario and creates its objects at time 0. */
export function createScenarioSimulation(loaded: LoadedScenario, options: RunOptions = {}): Simulation {
  return Simulation.fromScenario(loaded, options);
}

/** One line describing a step, as the trace and reports show it. */
export function describeStep(step: Step): string {
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
  }
}

/** Executes one step's action now; throws when the API refuses it. Returns check results (wait, expect). */
export function execStep(sim: Simulation, step: Step): CheckResult[] {
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
      const target = {
        code: a.code,
        count: a.count,
        ...(a.job !== undefined ? { job: a.job } : {}),
        ...(a.pod !== undefined ? { pod: a.pod } : {}),
        ...(a.index !== undefined ? { index: a.index } : {}),
        ...(a.container !== undefined ? { container: a.container } : {}),
        ...(a.reason !== undefined ? { reason: a.reason } : {}),
      };
      const pods = sim.exit(target);
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
        if (!holds()) {
          sim.engine.runUntil(Math.min(deadline, sim.engine.limitMs));
        }
      }
      const ok = holds();
      return [
        {
          description: `wait ${a.kind.toLowerCase()}/${a.name} condition ${a.condition}`,
          time: sim.now(),
          ok,
          failures: ok
            ? []
            : [
                `at ${formatDuration(sim.now())}: ${a.kind.toLowerCase()}/${a.name} condition ${a.condition} not True within ${formatDuration(a.timeoutMs)}`,
              ],
        },
      ];
    }
    case 'expect':
      return [evaluateCheck(sim, a.check)];
  }
}

/** Every Job finished and every bare Pod terminal. */
export function allDone(sim: Simulation): boolean {
  for (const j of sim.store.list('Job')) if (!isJobFinished(j)) return false;
  for (const p of sim.store.list('Pod')) {
    const owned = p.metadata?.ownerReferences?.some((r) => r.controller);
    if (!owned && !isPodTerminal(p)) return false;
  }
  return true;
}

/**
 * Runs a loaded scenario to its end and evaluates its checks.
 *
 * @example
 * ```ts
 * const result = runScenario(loadScenario(text, 'pi.yaml'));
 * result.ok; // all checks held
 * ```
 * @throws InvalidScenarioObjectsError when an object of the file is invalid (nothing runs).
 */
export function runScenario(loaded: LoadedScenario, options: RunOptions = {}): RunResult {
  const spec = loaded.scenario;
  const seed = options.seed ?? spec.seed;
  const sim = createScenarioSimulation(loaded, options);
  const engine = sim.engine;
  const progress = options.progress;
  if (progress) {
    engine.onAfterEach(() => {
      if ((engine.eventsProcessed & 16383) === 0) progress(engine.now, engine.eventsProcessed);
    });
  }
  const until = options.until ?? spec.until;
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
      const refusedAsExpected = !ok && error !== undefined && error.includes(step.expectError);
      checks.push({
        description: `step ${index} (${description}) is refused with "${step.expectError}"`,
        time: sim.now(),
        ok: refusedAsExpected,
        failures: refusedAsExpected
          ? []
          : [
              ok
                ? `at ${formatDuration(sim.now())}: step ${index} (${description}) went through; expected it to be refused with a message containing ${JSON.stringify(step.expectError)}`
                : `at ${formatDuration(sim.now())}: step ${index} (${description}) was refused with ${JSON.stringify(error)}; expected a message containing ${JSON.stringify(step.expectError)}`,
            ],
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
    warnings: [...loaded.warnings, ...sim.warnings],
    ok: checks.every((c) => c.ok),
  };
}

/** Loads and runs scenario text. */
export function runScenarioText(text: string, file = '<input>', options: RunOptions = {}): RunResult {
  return runScenario(loadScenario(text, file), options);
}
