/**
 * Model-based testing of a Simulation with fast-check's `commands`: random faults (the same
 * steps a scenario file has) and waits, applied to a live simulation, with every invariant
 * checked after each command. A failing command sequence turns into a scenario file that
 * `jobsim run` replays step for step.
 */
import * as fc from 'fast-check';
import { allDone } from '../../src/scenario/run.js';
import type { Simulation } from '../../src/simulation.js';
import {
  faults,
  type GeneratedScenario,
  type ScenarioStep,
  scenario,
  scenarioYaml,
} from '../../src/testing/arbitraries.js';
import { assertNoViolations, type InvariantChecker, watchInvariants } from '../../src/testing/invariants.js';
import { applyStep, type JobControllerFaults, simulationFor } from '../../src/testing/run.js';

/** What the model tracks: the Jobs and nodes that still exist. */
export interface Model {
  readonly jobs: Set<string>;
  readonly nodes: Set<string>;
}

/** The system under test. */
export interface Real {
  readonly sim: Simulation;
  readonly checker: InvariantChecker;
}

const JOBS = ['a', 'b'];
const NODES = ['node-0', 'node-1', 'node-2'];

function seconds(after: unknown): number {
  return typeof after === 'string' ? Number(after.replace(/s$/, '')) : 0;
}

function settleAndCheck(r: Real): void {
  r.sim.engine.runUntil(r.sim.now());
  r.checker.settle();
  assertNoViolations(r.checker.violations, `after ${r.sim.clock()}`);
}

/** One scenario step (exit, evict, node, patch, delete), `after` seconds after the last command. */
export class StepCommand implements fc.Command<Model, Real> {
  readonly step: ScenarioStep;
  constructor(step: ScenarioStep) {
    this.step = step;
  }

  private target(): { job?: string; node?: string; deletes: boolean } {
    const s = this.step as Record<string, Record<string, unknown> | undefined>;
    const body = s.exit ?? s.evict ?? s.patch ?? s.delete;
    if (s.node) return { node: s.node.name as string, deletes: s.node.state === 'delete' };
    const job = (body?.job ?? body?.name) as string | undefined;
    return job === undefined ? { deletes: false } : { job, deletes: s.delete !== undefined };
  }

  check(m: Readonly<Model>): boolean {
    const t = this.target();
    if (t.node !== undefined) return m.nodes.has(t.node);
    return t.job !== undefined && m.jobs.has(t.job);
  }

  /** Updates the model as the step does. */
  apply(m: Model): void {
    const t = this.target();
    if (!t.deletes) return;
    if (t.node !== undefined) m.nodes.delete(t.node);
    if (t.job !== undefined) m.jobs.delete(t.job);
  }

  run(m: Model, r: Real): void {
    r.sim.engine.runUntil(r.sim.now() + seconds(this.step.after) * 1000);
    r.sim.engine.runUntil(r.sim.now());
    try {
      applyStep(r.sim, this.step);
    } catch {
      // Refused (nothing running to exit, say): as in a scenario file, nothing changes.
    }
    this.apply(m);
    settleAndCheck(r);
  }

  toString(): string {
    return JSON.stringify(this.step);
  }
}

/** Lets virtual time pass. */
export class WaitCommand implements fc.Command<Model, Real> {
  readonly seconds: number;
  constructor(seconds: number) {
    this.seconds = seconds;
  }
  check(): boolean {
    return true;
  }
  run(_m: Model, r: Real): void {
    r.sim.engine.runUntil(r.sim.now() + this.seconds * 1000);
    settleAndCheck(r);
  }
  toString(): string {
    return `wait ${this.seconds}s`;
  }
}

/** Base scenarios (Jobs, cluster, behaviors; no steps) for the model-based runs. */
export const baseScenario = (): fc.Arbitrary<GeneratedScenario> =>
  scenario({ maxJobs: 2, maxNodes: 3, maxSteps: 0 });

/** The command arbitraries: mostly steps, sometimes a wait of minutes (back-offs, deadlines). */
export const commandArbs: Array<fc.Arbitrary<fc.Command<Model, Real>>> = [
  fc.oneof(
    {
      arbitrary: faults({ jobs: JOBS, nodes: NODES, minSteps: 1, maxSteps: 1, maxAfterSeconds: 30 }).map(
        ([s]) => new StepCommand(s!) as fc.Command<Model, Real>,
      ),
      weight: 4,
    },
    {
      arbitrary: fc
        .integer({ min: 1, max: 10 })
        .map((m) => new WaitCommand(m * 60) as fc.Command<Model, Real>),
      weight: 1,
    },
  ),
];

function initialModel(base: GeneratedScenario): Model {
  return {
    jobs: new Set(base.jobs.map((j) => j.metadata!.name!)),
    nodes: new Set([...Array(base.nodes).keys()].map((i) => `node-${i}`)),
  };
}

/**
 * Runs the commands on a simulation of `base`, then runs it until idle and checks the
 * end-state invariants. Throws on the first violation.
 */
export function runModel(
  base: GeneratedScenario,
  cmds: Iterable<fc.Command<Model, Real>>,
  faultsOn?: JobControllerFaults,
): void {
  const sim = simulationFor(base.yaml, faultsOn ? { faults: faultsOn } : {});
  const checker = watchInvariants(sim);
  const real: Real = { sim, checker };
  settleAndCheck(real);
  fc.modelRun(() => ({ model: initialModel(base), real }), cmds);
  const end = sim.runUntilIdle();
  const reason = end.reason === 'limit' ? 'limit' : allDone(sim) ? 'done' : 'idle';
  assertNoViolations(checker.finish(reason), 'at the end');
}

/**
 * The scenario file of a command sequence: the base scenario with one step per command that
 * ran (waits fold into the next step's `after`; a trailing wait becomes a no-op check).
 */
export function modelScenarioYaml(base: GeneratedScenario, cmds: Iterable<fc.Command<Model, Real>>): string {
  const model = initialModel(base);
  const steps: ScenarioStep[] = [];
  let carry = 0;
  for (const wrapped of cmds) {
    // fc.commands yields wrappers around the commands.
    const c = ((wrapped as { cmd?: fc.Command<Model, Real> }).cmd ?? wrapped) as fc.Command<Model, Real>;
    if (!c.check(model)) continue;
    if (c instanceof WaitCommand) {
      carry += c.seconds;
      continue;
    }
    if (!(c instanceof StepCommand)) continue;
    const { after, ...body } = c.step as Record<string, unknown>;
    const total = carry + seconds(after);
    steps.push(total > 0 ? { after: `${total}s`, ...body } : body);
    carry = 0;
    c.apply(model);
  }
  if (carry > 0) steps.push({ after: `${carry}s`, expect: { kind: 'Node', name: 'node-0' } });
  return scenarioYaml({ ...base, name: 'model-based', steps });
}
