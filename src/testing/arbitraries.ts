/**
 * fast-check arbitraries for jobsim inputs: Job specs and manifests, container behaviors,
 * faults (scenario steps) and whole scenarios. Everything generated passes jobsim's API
 * validation. Values are built from small independent pieces that are then made consistent
 * (a pod failure policy forces `restartPolicy: Never`, …), so they shrink towards small,
 * readable scenarios: fewer jobs, steps and rules, absent optional fields, smaller numbers.
 */

import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { formatIndexes } from '../api/indexes.js';
import type { Job, JobSpec, PodFailurePolicyRule, SuccessPolicyRule } from '../api/types.js';
import type { BehaviorRule, RunSpec } from '../kubelet/behaviors.js';

/**
 * Bounds of {@link jobSpec}.
 * @example
 * ```ts
 * jobSpec({ maxCompletions: 6, maxParallelism: 2, completionMode: 'Indexed' });
 * ```
 */
export interface JobSpecOptions {
  /** Largest `completions` (default 4). */
  readonly maxCompletions?: number;
  /** Largest `parallelism` (default 3). */
  readonly maxParallelism?: number;
  /** Largest `backoffLimit` (default 4). */
  readonly maxBackoffLimit?: number;
  /** Largest `activeDeadlineSeconds` (default 120). */
  readonly maxDeadlineSeconds?: number;
  /** Only this completion mode (default: both). */
  readonly completionMode?: 'NonIndexed' | 'Indexed';
  /** Give containers cpu/memory requests sometimes (default true). */
  readonly resources?: boolean;
}

/**
 * Options of {@link job}.
 * @example
 * ```ts
 * job({ name: 'pi', resources: false });
 * ```
 */
export interface JobOptions extends JobSpecOptions {
  /** The Job's name (default `job`). */
  readonly name?: string;
}

/**
 * Options of {@link behaviors}.
 * @example
 * ```ts
 * behaviors({ jobs: ['pi'], maxRules: 2, forever: false });
 * ```
 */
export interface BehaviorOptions {
  /** Job names rules may match (default: rules match any Job). */
  readonly jobs?: readonly string[];
  /** Most rules (default 3). */
  readonly maxRules?: number;
  /** Largest index and attempt matched (default 3). */
  readonly maxIndex?: number;
  /** Longest fixed run time in seconds (default 60). */
  readonly maxRunSeconds?: number;
  /** Allow `run: forever` (default true). */
  readonly forever?: boolean;
}

/**
 * A target Job of {@link faults}: its name, or its manifest (Indexed Jobs get `index` targets).
 * @example
 * ```ts
 * faults({ jobs: ['pi', indexedJobManifest] }); // Indexed Jobs also get `exit: {index}` steps
 * ```
 */
export type FaultTarget = string | Job;

/**
 * Options of {@link faults}.
 * @example
 * ```ts
 * faults({ jobs: ['pi'], nodes: ['node-0', 'node-1'], minSteps: 1, maxSteps: 4 });
 * ```
 */
export interface FaultOptions {
  /** Jobs the faults act on (default `['job']`). */
  readonly jobs?: readonly FaultTarget[];
  /** Node names (default `['node-0']`). */
  readonly nodes?: readonly string[];
  /** Fewest steps (default 0). */
  readonly minSteps?: number;
  /** Most steps (default 6). */
  readonly maxSteps?: number;
  /** Longest gap between steps in seconds (default 60). */
  readonly maxAfterSeconds?: number;
}

/**
 * Options of {@link scenario}.
 * @example
 * ```ts
 * scenario({ maxJobs: 3, maxSteps: 10, maxCompletions: 6, limit: '1h' });
 * ```
 */
export interface ScenarioOptions extends JobSpecOptions {
  /** Most Jobs (default 2, at least 1 is generated). */
  readonly maxJobs?: number;
  /** Most generated nodes (default 3). */
  readonly maxNodes?: number;
  /** Most steps (default 6). */
  readonly maxSteps?: number;
  /** Most behavior rules (default 3). */
  readonly maxBehaviors?: number;
  /** Longest gap between steps in seconds (default 60). */
  readonly maxAfterSeconds?: number;
  /** A fixed seed (default: generated, shrinking to 1). */
  readonly seed?: number;
  /** The scenario's `limit` (default `2h`). */
  readonly limit?: string;
  /** Allow `run: forever` behaviors (default true). */
  readonly forever?: boolean;
}

/**
 * A scenario step as written in YAML (scenario format, section 4).
 * @example
 * ```ts
 * const step: ScenarioStep = { after: '5s', exit: { job: 'pi', code: 1 } };
 * ```
 */
export type ScenarioStep = Readonly<Record<string, unknown>>;

/**
 * The pieces of a scenario file, as {@link scenarioYaml} writes them.
 * @example
 * ```ts
 * scenarioYaml({ seed: 1, nodes: 2, jobs: [pi], behaviors: [], steps: [{ node: { name: 'node-1', state: 'down' } }] });
 * ```
 */
export interface ScenarioParts {
  readonly name?: string;
  readonly seed: number;
  /** Generated nodes `node-0` … */
  readonly nodes: number;
  /** Allocatable of each node (default cpu 4, memory 16Gi, pods 110). */
  readonly capacity?: Readonly<Record<string, string>>;
  readonly jobs: readonly Job[];
  readonly behaviors: readonly BehaviorRule[];
  readonly steps: readonly ScenarioStep[];
  /** Hard cap on virtual time (default 24h). */
  readonly limit?: string;
  /** Scheduled to running (image pull etc.), in seconds (default 0). */
  readonly podStartSeconds?: number;
}

/**
 * A generated scenario: its pieces and the scenario file text (`jobsim run` runs it).
 * @example
 * ```ts
 * fc.assert(fc.property(scenario(), (s) => runScenario(loadScenario(s.yaml)).end.reason !== 'limit'));
 * ```
 */
export interface GeneratedScenario extends ScenarioParts {
  /** The scenario file (multi-document YAML). */
  readonly yaml: string;
}

// ---------- small helpers ----------

/** `undefined` with weight `absent`, else a value of `arb`; shrinks to `undefined`. */
function maybe<T>(arb: fc.Arbitrary<T>, presentPercent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant(undefined), weight: 100 - presentPercent },
    { arbitrary: arb, weight: presentPercent },
  );
}

/** True with probability `n / outOf`; shrinks to false. */
function chance(n: number, outOf: number): fc.Arbitrary<boolean> {
  return fc.integer({ min: 0, max: outOf - 1 }).map((i) => i >= outOf - n);
}

function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * `1,3-5`: the interval format of completedIndexes and succeededIndexes.
 * @example
 * ```ts
 * formatIndexList([1, 3, 4, 5, 7]); // '1,3-5,7'
 * ```
 */
export function formatIndexList(indexes: Iterable<number>): string {
  return formatIndexes([...new Set(indexes)].sort((a, b) => a - b));
}

// ---------- Job specs ----------

interface RawPfpRule {
  readonly action: 'Count' | 'Ignore' | 'FailJob' | 'FailIndex';
  readonly onExitCodes?: {
    readonly operator: 'In' | 'NotIn';
    readonly values: readonly number[];
    readonly container: boolean;
  };
}

interface RawSuccessRule {
  readonly indexes: readonly number[];
  readonly count?: number;
}

interface RawSpec {
  readonly indexed: boolean;
  readonly completions?: number;
  readonly parallelism?: number;
  readonly backoffLimit?: number;
  readonly perIndex?: { readonly limit: number; readonly maxFailed?: number };
  readonly deadline?: number;
  readonly suspend: boolean;
  readonly replacement?: 'Failed' | 'TerminatingOrFailed';
  readonly onFailure: boolean;
  readonly pfp?: readonly RawPfpRule[];
  readonly success?: readonly RawSuccessRule[];
  readonly resources?: { readonly cpu?: string; readonly memory?: string };
}

function rawSpec(o: JobSpecOptions): fc.Arbitrary<RawSpec> {
  const maxC = o.maxCompletions ?? 4;
  const maxP = o.maxParallelism ?? 3;
  const pfpRule: fc.Arbitrary<RawPfpRule> = fc
    .record({
      action: fc.constantFrom('Count', 'Ignore', 'FailJob', 'FailIndex'),
      onExitCodes: maybe(
        fc.record({
          operator: fc.constantFrom('In', 'NotIn'),
          values: fc.uniqueArray(fc.constantFrom(1, 42, 2, 137), { minLength: 1, maxLength: 2 }),
          container: fc.boolean(),
        }),
        60,
      ),
    })
    .map((r) => defined(r) as RawPfpRule);
  const successRule: fc.Arbitrary<RawSuccessRule> = fc
    .record({
      indexes: fc.subarray([...Array(Math.max(1, maxC)).keys()]),
      count: maybe(fc.integer({ min: 1, max: Math.max(1, maxC) }), 50),
    })
    .map((r) => defined(r) as RawSuccessRule);
  return fc
    .record({
      indexed: o.completionMode === undefined ? fc.boolean() : fc.constant(o.completionMode === 'Indexed'),
      completions: maybe(fc.integer({ min: 0, max: maxC }), 75),
      parallelism: maybe(fc.integer({ min: 0, max: maxP }), 75),
      backoffLimit: maybe(fc.integer({ min: 0, max: o.maxBackoffLimit ?? 4 }), 60),
      perIndex: maybe(
        fc
          .record({
            limit: fc.integer({ min: 0, max: 2 }),
            maxFailed: maybe(fc.integer({ min: 0, max: maxC }), 50),
          })
          .map((r) => defined(r) as { limit: number; maxFailed?: number }),
        35,
      ),
      deadline: maybe(fc.integer({ min: 0, max: o.maxDeadlineSeconds ?? 120 }), 15),
      suspend: chance(1, 6),
      replacement: maybe(fc.constantFrom('Failed' as const, 'TerminatingOrFailed' as const), 20),
      onFailure: chance(1, 4),
      pfp: maybe(fc.array(pfpRule, { minLength: 1, maxLength: 3 }), 30),
      success: maybe(fc.array(successRule, { minLength: 1, maxLength: 2 }), 30),
      resources:
        o.resources === false
          ? fc.constant(undefined)
          : maybe(
              fc
                .record({
                  cpu: maybe(fc.constantFrom('500m', '1', '250m', '2'), 80),
                  memory: maybe(fc.constantFrom('256Mi', '1Gi'), 40),
                })
                .map((r) => defined(r) as { cpu?: string; memory?: string }),
              40,
            ),
    })
    .map((r) => defined(r) as RawSpec);
}

/** Makes the raw pieces a valid JobSpec (the API server's rules). */
function buildSpec(r: RawSpec): JobSpec {
  const indexed = r.indexed;
  let completions = r.completions;
  if (indexed && completions === undefined) completions = 1;
  const perIndex = indexed ? r.perIndex : undefined;
  const pfp = r.pfp;
  const spec: Record<string, unknown> = {};
  if (completions !== undefined) spec.completions = completions;
  if (r.parallelism !== undefined) spec.parallelism = r.parallelism;
  if (indexed) spec.completionMode = 'Indexed';
  if (r.backoffLimit !== undefined) spec.backoffLimit = r.backoffLimit;
  if (perIndex) {
    spec.backoffLimitPerIndex = perIndex.limit;
    if (perIndex.maxFailed !== undefined)
      spec.maxFailedIndexes = Math.min(perIndex.maxFailed, completions ?? 0);
  }
  if (r.deadline !== undefined) spec.activeDeadlineSeconds = r.deadline;
  if (r.suspend) spec.suspend = true;
  if (pfp) spec.podReplacementPolicy = 'Failed';
  else if (r.replacement !== undefined) spec.podReplacementPolicy = r.replacement;
  if (pfp) {
    spec.podFailurePolicy = {
      rules: pfp.map((rule): PodFailurePolicyRule => {
        const action = rule.action === 'FailIndex' && !perIndex ? 'Count' : rule.action;
        if (!rule.onExitCodes) {
          return { action, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };
        }
        return {
          action,
          onExitCodes: {
            ...(rule.onExitCodes.container ? { containerName: 'main' } : {}),
            operator: rule.onExitCodes.operator,
            values: [...rule.onExitCodes.values].sort((a, b) => a - b),
          },
        };
      }),
    };
  }
  if (indexed && r.success && (completions ?? 0) > 0) {
    const c = completions ?? 0;
    const rules: SuccessPolicyRule[] = [];
    for (const raw of r.success) {
      const idx = raw.indexes.filter((i) => i < c);
      const rule: { succeededIndexes?: string; succeededCount?: number } = {};
      if (idx.length > 0) rule.succeededIndexes = formatIndexList(idx);
      if (raw.count !== undefined) rule.succeededCount = Math.min(raw.count, idx.length > 0 ? idx.length : c);
      if (rule.succeededIndexes === undefined && rule.succeededCount === undefined) continue;
      rules.push(rule);
    }
    if (rules.length > 0) spec.successPolicy = { rules };
  }
  const container: Record<string, unknown> = { name: 'main', image: 'busybox' };
  if (r.resources && (r.resources.cpu !== undefined || r.resources.memory !== undefined)) {
    container.resources = { requests: { ...r.resources } };
  }
  spec.template = {
    spec: { restartPolicy: pfp || !r.onFailure ? 'Never' : 'OnFailure', containers: [container] },
  };
  return spec as unknown as JobSpec;
}

/**
 * Valid `batch/v1` JobSpecs over the fields jobsim models: completions and parallelism
 * (work queue, 0 included), Indexed with backoffLimitPerIndex/maxFailedIndexes and
 * successPolicy, podFailurePolicy (FailJob, Ignore, Count, FailIndex; onExitCodes and
 * DisruptionTarget), suspend, activeDeadlineSeconds, backoffLimit, podReplacementPolicy,
 * restartPolicy Never or OnFailure, cpu/memory requests. One container, `main`.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { jobSpec } from 'jobsim/testing';
 * fc.sample(jobSpec({ maxCompletions: 3, completionMode: 'Indexed' }), 1)[0]?.completionMode; // 'Indexed'
 * ```
 */
export function jobSpec(options: JobSpecOptions = {}): fc.Arbitrary<JobSpec> {
  return rawSpec(options).map(buildSpec);
}

/**
 * Valid `batch/v1` Job manifests (see {@link jobSpec}).
 *
 * @example
 * ```ts
 * fc.assert(fc.property(job({ name: 'pi' }), (j) => {
 *   const sim = new Simulation({ nodes: 1 });
 *   sim.apply(j); // never refused
 * }));
 * ```
 */
export function job(options: JobOptions = {}): fc.Arbitrary<Job> {
  const name = options.name ?? 'job';
  return jobSpec(options).map((spec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec }));
}

// ---------- behaviors ----------

interface RawBehavior {
  readonly job?: number;
  readonly index?: number;
  readonly attempt?: number | readonly number[];
  readonly probability?: number;
  readonly run?: RunSpec;
  readonly exitCode?: number;
  readonly onStop?: { readonly afterMs: number; readonly exitCode: number };
}

function rawBehavior(o: BehaviorOptions & { jobSlots: number }): fc.Arbitrary<RawBehavior> {
  const maxIndex = o.maxIndex ?? 3;
  const maxRun = o.maxRunSeconds ?? 60;
  const runs: Array<fc.WeightedArbitrary<RunSpec>> = [
    {
      arbitrary: fc.integer({ min: 1, max: maxRun }).map((s) => ({ kind: 'fixed', ms: s * 1000 }) as RunSpec),
      weight: 6,
    },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: maxRun }), fc.integer({ min: 0, max: maxRun }))
        .map(([a, d]) => ({ kind: 'uniform', minMs: a * 1000, maxMs: (a + d) * 1000 }) as RunSpec),
      weight: 1,
    },
    {
      arbitrary: fc
        .integer({ min: 1, max: maxRun })
        .map((s) => ({ kind: 'exponential', meanMs: s * 1000 }) as RunSpec),
      weight: 1,
    },
  ];
  if (o.forever !== false) runs.push({ arbitrary: fc.constant({ kind: 'forever' } as RunSpec), weight: 1 });
  return fc
    .record({
      job: o.jobSlots > 0 ? maybe(fc.integer({ min: 0, max: o.jobSlots - 1 }), 40) : fc.constant(undefined),
      index: maybe(fc.integer({ min: 0, max: maxIndex }), 30),
      attempt: maybe(
        fc.oneof(
          fc.integer({ min: 0, max: maxIndex }),
          fc
            .uniqueArray(fc.integer({ min: 0, max: maxIndex }), { minLength: 1, maxLength: 3 })
            .map((a) => [...a].sort((x, y) => x - y)),
        ),
        50,
      ),
      probability: maybe(fc.constantFrom(0.5, 0.25, 0.75), 25),
      run: maybe(fc.oneof(...runs), 70),
      exitCode: maybe(fc.constantFrom(1, 42, 0, 2, 137), 70),
      onStop: maybe(
        fc
          .record({ after: fc.integer({ min: 0, max: 40 }), exitCode: fc.constantFrom(0, 1, 143) })
          .map((s) => ({ afterMs: s.after * 1000, exitCode: s.exitCode })),
        15,
      ),
    })
    .map((r) => defined(r) as RawBehavior);
}

function buildBehavior(r: RawBehavior, jobs: readonly string[]): BehaviorRule {
  const match: Record<string, unknown> = {};
  if (r.job !== undefined && jobs.length > 0) match.job = jobs[r.job % jobs.length];
  if (r.index !== undefined) match.index = r.index;
  if (r.attempt !== undefined) match.attempt = r.attempt;
  const rule: Record<string, unknown> = {};
  if (Object.keys(match).length > 0) rule.match = match;
  if (r.probability !== undefined) rule.probability = r.probability;
  if (r.run !== undefined) rule.run = r.run;
  if (r.exitCode !== undefined) rule.exitCode = r.exitCode;
  if (r.onStop !== undefined) rule.onStop = r.onStop;
  return rule as BehaviorRule;
}

/**
 * Container behavior rules (`BehaviorRule[]`, as `src/kubelet/behaviors.ts` takes them):
 * matches on job, index and attempt, probabilities, run times (fixed, uniform, exponential,
 * forever), exit codes and SIGTERM handling.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(behaviors({ jobs: ['pi'] }), (rules) => {
 *   const sim = new Simulation({ nodes: 1, behaviors: rules });
 *   // ...
 * }));
 * ```
 */
export function behaviors(options: BehaviorOptions = {}): fc.Arbitrary<BehaviorRule[]> {
  const jobs = options.jobs ?? [];
  return fc
    .array(rawBehavior({ ...options, jobSlots: jobs.length }), { maxLength: options.maxRules ?? 3 })
    .map((rs) => rs.map((r) => buildBehavior(r, jobs)));
}

/**
 * A behavior rule in scenario-file form (durations as text).
 * @example
 * ```ts
 * behaviorToYaml({ run: { kind: 'fixed', ms: 30000 }, exitCode: 1 }); // { run: '30s', exitCode: 1 }
 * ```
 */
export function behaviorToYaml(rule: BehaviorRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.match) out.match = { ...rule.match };
  if (rule.probability !== undefined) out.probability = rule.probability;
  if (rule.run) out.run = runToYaml(rule.run);
  if (rule.exitCode !== undefined) out.exitCode = rule.exitCode;
  if (rule.reason !== undefined) out.reason = rule.reason;
  if (rule.onStop) out.onStop = { after: ms(rule.onStop.afterMs), exitCode: rule.onStop.exitCode };
  return out;
}

function ms(v: number): string {
  return v % 1000 === 0 ? `${v / 1000}s` : `${v}ms`;
}

function runToYaml(r: RunSpec): unknown {
  switch (r.kind) {
    case 'fixed':
      return ms(r.ms);
    case 'forever':
      return 'forever';
    case 'uniform':
      return { uniform: [ms(r.minMs), ms(r.maxMs)] };
    case 'exponential':
      return { exponential: ms(r.meanMs) };
  }
}

// ---------- faults ----------

type RawAction =
  | {
      readonly type: 'exit';
      readonly job: number;
      readonly code: number;
      readonly count?: number;
      readonly index?: number;
    }
  | { readonly type: 'evict'; readonly job: number; readonly count?: number }
  | {
      readonly type: 'node';
      readonly node: number;
      readonly state: 'down' | 'up' | 'delete' | 'cordon' | 'uncordon';
    }
  | { readonly type: 'suspend'; readonly job: number; readonly suspend: boolean }
  | { readonly type: 'parallelism'; readonly job: number; readonly parallelism: number }
  | { readonly type: 'elastic'; readonly job: number; readonly size: number }
  | { readonly type: 'deadline'; readonly job: number; readonly seconds: number }
  | { readonly type: 'delete'; readonly job: number; readonly policy?: 'Foreground' | 'Orphan' };

interface RawFault {
  readonly after: number;
  readonly action: RawAction;
}

function rawFault(maxAfter: number, maxParallelism: number): fc.Arbitrary<RawFault> {
  const slot = fc.nat(7);
  const action: fc.Arbitrary<RawAction> = fc.oneof(
    {
      arbitrary: fc
        .record({
          type: fc.constant('exit' as const),
          job: slot,
          code: fc.constantFrom(1, 0, 42, 137, 2),
          count: maybe(fc.integer({ min: 2, max: 3 }), 20),
          index: maybe(fc.nat(7), 40),
        })
        .map((r) => defined(r) as RawAction),
      weight: 5,
    },
    {
      arbitrary: fc
        .record({
          type: fc.constant('evict' as const),
          job: slot,
          count: maybe(fc.integer({ min: 2, max: 3 }), 20),
        })
        .map((r) => defined(r) as RawAction),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('node' as const),
        node: slot,
        state: fc.constantFrom(
          'down' as const,
          'up' as const,
          'cordon' as const,
          'uncordon' as const,
          'delete' as const,
        ),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({ type: fc.constant('suspend' as const), job: slot, suspend: fc.boolean() }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('parallelism' as const),
        job: slot,
        parallelism: fc.integer({ min: 0, max: maxParallelism }),
      }),
      weight: 2,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('elastic' as const),
        job: slot,
        size: fc.integer({ min: 0, max: maxParallelism + 1 }),
      }),
      weight: 1,
    },
    {
      arbitrary: fc.record({
        type: fc.constant('deadline' as const),
        job: slot,
        seconds: fc.integer({ min: 0, max: 90 }),
      }),
      weight: 1,
    },
    {
      arbitrary: fc
        .record({
          type: fc.constant('delete' as const),
          job: slot,
          policy: maybe(fc.constantFrom('Foreground' as const, 'Orphan' as const), 40),
        })
        .map((r) => defined(r) as RawAction),
      weight: 1,
    },
  );
  return fc.record({ after: fc.integer({ min: 0, max: maxAfter }), action });
}

interface TargetInfo {
  readonly name: string;
  readonly indexedCompletions: number | undefined;
  /** Smallest completions an elastic resize may set (maxFailedIndexes, successPolicy). */
  readonly minCompletions: number;
}

function targetInfo(t: FaultTarget): TargetInfo {
  if (typeof t === 'string') return { name: t, indexedCompletions: undefined, minCompletions: 0 };
  const spec = t.spec;
  let min = spec?.maxFailedIndexes ?? 0;
  for (const r of spec?.successPolicy?.rules ?? []) {
    min = Math.max(min, 1, r.succeededCount ?? 0);
    for (const part of (r.succeededIndexes ?? '').split(',')) {
      const last = Number(part.split('-').pop());
      if (Number.isInteger(last)) min = Math.max(min, last + 1);
    }
  }
  return {
    name: t.metadata?.name ?? 'job',
    indexedCompletions: spec?.completionMode === 'Indexed' ? (spec.completions ?? 0) : undefined,
    minCompletions: min,
  };
}

/** Turns raw faults into scenario steps, dropping steps that would act on deleted objects. */
function buildFaults(
  raw: readonly RawFault[],
  jobs: readonly TargetInfo[],
  nodes: readonly string[],
): ScenarioStep[] {
  const steps: ScenarioStep[] = [];
  const deletedJobs = new Set<string>();
  const deletedNodes = new Set<string>();
  let carry = 0;
  for (const f of raw) {
    const a = f.action;
    let body: Record<string, unknown> | undefined;
    if (a.type === 'node') {
      const name = nodes.length > 0 ? nodes[a.node % nodes.length]! : undefined;
      if (name !== undefined && !deletedNodes.has(name)) {
        body = { node: { name, state: a.state } };
        if (a.state === 'delete') deletedNodes.add(name);
      }
    } else if (jobs.length > 0) {
      const j = jobs[a.job % jobs.length]!;
      if (!deletedJobs.has(j.name)) {
        switch (a.type) {
          case 'exit': {
            const exit: Record<string, unknown> = { job: j.name };
            if (a.index !== undefined && j.indexedCompletions !== undefined && j.indexedCompletions > 0)
              exit.index = a.index % j.indexedCompletions;
            if (a.count !== undefined) exit.count = a.count;
            exit.code = a.code;
            body = { exit };
            break;
          }
          case 'evict':
            body = { evict: a.count !== undefined ? { job: j.name, count: a.count } : { job: j.name } };
            break;
          case 'suspend':
            body = { patch: { kind: 'Job', name: j.name, spec: { suspend: a.suspend } } };
            break;
          case 'parallelism':
            body = { patch: { kind: 'Job', name: j.name, spec: { parallelism: a.parallelism } } };
            break;
          case 'elastic':
            // Elastic Indexed Jobs: completions may change only together with parallelism.
            body = {
              patch: {
                kind: 'Job',
                name: j.name,
                spec:
                  j.indexedCompletions !== undefined
                    ? {
                        completions: Math.max(a.size, j.minCompletions),
                        parallelism: Math.max(a.size, j.minCompletions),
                      }
                    : { parallelism: a.size },
              },
            };
            break;
          case 'deadline':
            body = { patch: { kind: 'Job', name: j.name, spec: { activeDeadlineSeconds: a.seconds } } };
            break;
          case 'delete':
            body = {
              delete: a.policy
                ? { kind: 'Job', name: j.name, propagationPolicy: a.policy }
                : { kind: 'Job', name: j.name },
            };
            deletedJobs.add(j.name);
            break;
        }
      }
    }
    carry += f.after;
    if (!body) continue;
    steps.push(carry > 0 ? { after: `${carry}s`, ...body } : body);
    carry = 0;
  }
  return steps;
}

/**
 * Faults as scenario steps (YAML form): containers exiting (`exit`, with codes 0, 1, 42, 137),
 * evictions, nodes going down/up/deleted/cordoned, suspend and resume, parallelism changes,
 * elastic resizes of Indexed Jobs (completions and parallelism together), new
 * activeDeadlineSeconds, and Job deletions (Background, Foreground, Orphan), `after` 0-60s apart. Steps that would act on
 * a deleted Job or node are left out, so the API never refuses a generated step (an `exit` or
 * `evict` with no running pod to act on is still possible, and harmless).
 *
 * @example
 * ```ts
 * fc.sample(faults({ jobs: ['pi'], nodes: ['node-0'] }), 1)[0]; // e.g. [{ after: '12s', exit: { job: 'pi', code: 1 } }]
 * ```
 */
export function faults(options: FaultOptions = {}): fc.Arbitrary<ScenarioStep[]> {
  const jobs = (options.jobs ?? ['job']).map(targetInfo);
  const nodes = options.nodes ?? ['node-0'];
  return fc
    .array(rawFault(options.maxAfterSeconds ?? 60, 3), {
      minLength: options.minSteps ?? 0,
      maxLength: Math.max(options.minSteps ?? 0, options.maxSteps ?? 6),
    })
    .map((raw) => buildFaults(raw, jobs, nodes));
}

// ---------- scenarios ----------

/**
 * Scenario file text from its pieces: the Job manifests, then a `jobsim/v1alpha1` Scenario
 * document with the seed, the cluster, behaviors and steps (`until: done`).
 *
 * @example
 * ```ts
 * const text = scenarioYaml({ seed: 1, nodes: 1, jobs: [pi], behaviors: [], steps: [] });
 * runScenario(loadScenario(text)).end.reason; // 'done'
 * ```
 */
export function scenarioYaml(parts: ScenarioParts): string {
  const docs: string[] = parts.jobs.map((j) => stringify(j, { lineWidth: 0 }));
  const cluster: Record<string, unknown> = { nodes: parts.nodes };
  if (parts.capacity) cluster.capacity = { ...parts.capacity };
  if (parts.podStartSeconds) cluster.latency = { podStart: `${parts.podStartSeconds}s` };
  const spec: Record<string, unknown> = { seed: parts.seed, cluster };
  if (parts.behaviors.length > 0) spec.behaviors = parts.behaviors.map(behaviorToYaml);
  if (parts.steps.length > 0) spec.steps = parts.steps;
  if (parts.limit !== undefined) spec.limit = parts.limit;
  docs.push(
    stringify(
      {
        apiVersion: 'jobsim/v1alpha1',
        kind: 'Scenario',
        metadata: { name: parts.name ?? 'generated' },
        spec,
      },
      { lineWidth: 0 },
    ),
  );
  return docs.join('---\n');
}

const JOB_NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

function withToString(s: GeneratedScenario): GeneratedScenario {
  Object.defineProperty(s, fc.toStringMethod, {
    value: () => `scenario(seed ${s.seed}, ${s.jobs.length} job(s), ${s.steps.length} step(s)):\n${s.yaml}`,
    enumerable: false,
  });
  return s;
}

/**
 * Whole scenarios: 1..maxJobs Jobs (named `a`, `b`, …), 1..maxNodes generated nodes with
 * sometimes tight capacity or a pod start latency, behavior rules and faults, and a seed; `yaml` is the scenario file
 * that `jobsim run` and `runScenario` take. Shrinks towards one plain Job, one node, no rules,
 * no steps, seed 1.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { checkScenario, scenario } from 'jobsim/testing';
 * fc.assert(fc.property(scenario({ maxSteps: 4 }), (s) => checkScenario(s).violations.length === 0));
 * ```
 */
export function scenario(options: ScenarioOptions = {}): fc.Arbitrary<GeneratedScenario> {
  const maxJobs = Math.min(options.maxJobs ?? 2, JOB_NAMES.length);
  const maxNodes = options.maxNodes ?? 3;
  return fc
    .record({
      seed: options.seed !== undefined ? fc.constant(options.seed) : fc.integer({ min: 1, max: 10_000 }),
      nodes: fc.integer({ min: 1, max: Math.max(1, maxNodes) }),
      capacity: maybe(
        fc
          .record({
            cpu: maybe(fc.constantFrom('2', '1', '4'), 70),
            pods: maybe(fc.constantFrom('3', '2', '5'), 70),
          })
          .map((c) => defined(c) as { cpu?: string; pods?: string }),
        30,
      ),
      podStart: maybe(fc.integer({ min: 1, max: 5 }), 20),
      jobs: fc.array(rawSpec(options), { minLength: 1, maxLength: Math.max(1, maxJobs) }),
      behaviors: fc.array(rawBehavior({ forever: options.forever ?? true, jobSlots: maxJobs }), {
        maxLength: options.maxBehaviors ?? 3,
      }),
      faults: fc.array(rawFault(options.maxAfterSeconds ?? 60, options.maxParallelism ?? 3), {
        maxLength: options.maxSteps ?? 6,
      }),
    })
    .map((r) => {
      const names = r.jobs.map((_, i) => JOB_NAMES[i]!);
      const jobs: Job[] = r.jobs.map((raw, i) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: names[i]! },
        spec: buildSpec(raw),
      }));
      const nodeNames = [...Array(r.nodes).keys()].map((i) => `node-${i}`);
      const parts: ScenarioParts = {
        seed: r.seed,
        nodes: r.nodes,
        ...(r.capacity && Object.keys(r.capacity).length > 0 ? { capacity: r.capacity } : {}),
        ...(r.podStart !== undefined ? { podStartSeconds: r.podStart } : {}),
        jobs,
        behaviors: r.behaviors.map((b) => buildBehavior(b, names)),
        steps: buildFaults(r.faults, jobs.map(targetInfo), nodeNames),
        limit: options.limit ?? '2h',
      };
      return withToString({ ...parts, yaml: scenarioYaml(parts) });
    });
}
