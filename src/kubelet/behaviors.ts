/**
 * Behaviors: what a simulated container does each time it starts (scenario format, section 3).
 * The first rule whose `match` fits decides; no rule fits: run 10s, exit 0.
 */

import type { Pod } from '../api/types.js';
import { getCompletionIndex } from '../controllers/podutil.js';
import { hashString, Rng } from '../engine/random.js';
import type { Store, WatchEvent } from '../store/store.js';

/** How long a container runs. */
export type RunSpec =
  | { readonly kind: 'fixed'; readonly ms: number }
  | { readonly kind: 'forever' }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'exponential'; readonly meanMs: number };

/** A number or a list of numbers to match. */
export type NumberMatch = number | readonly number[];

/** One behavior rule, already validated. */
export interface BehaviorRule {
  readonly match?: {
    readonly job?: string;
    readonly pod?: string;
    readonly container?: string;
    readonly index?: NumberMatch;
    readonly attempt?: NumberMatch;
    readonly restart?: NumberMatch;
  };
  readonly probability?: number;
  readonly run?: RunSpec;
  readonly exitCode?: number;
  readonly reason?: string;
  readonly onStop?: { readonly afterMs: number; readonly exitCode: number };
}

/** What one container start will do. */
export interface ContainerPlan {
  /** Run time in ms; undefined = forever. */
  readonly runMs: number | undefined;
  readonly exitCode: number;
  /** Terminated reason; default Completed for 0, Error otherwise. */
  readonly reason: string;
  readonly onStop: { readonly afterMs: number; readonly exitCode: number } | undefined;
  /** Index of the rule that decided (-1 = default). */
  readonly rule: number;
}

/** Default behavior when no rule fits. */
export const DEFAULT_PLAN: ContainerPlan = {
  runMs: 10_000,
  exitCode: 0,
  reason: 'Completed',
  onStop: undefined,
  rule: -1,
};

function matches(m: NumberMatch | undefined, v: number): boolean {
  if (m === undefined) return true;
  if (typeof m === 'number') return m === v;
  return m.includes(v);
}

/**
 * Resolves behaviors for container starts. Randomness is drawn from a stream keyed by
 * (job, index, attempt, container, restart) for Job pods, or (pod, container, restart) for
 * bare pods, so that a pod's fate does not depend on the order other things happen in.
 *
 * @example
 * ```ts
 * const b = new Behaviors(store, 1, [{ match: { index: 3, attempt: 0 }, exitCode: 42 }]);
 * ```
 */
export class Behaviors {
  private readonly rules: readonly BehaviorRule[];
  private readonly seed: number;
  private readonly attempts = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  constructor(store: Store, seed: number, rules: readonly BehaviorRule[]) {
    this.rules = rules;
    this.seed = seed;
    store.emitter.on('Pod', (e) => this.onChange(e));
  }

  private onChange(e: WatchEvent): void {
    if (e.kind !== 'Pod' || e.type !== 'ADDED') return;
    const pod = e.object as Pod;
    const key = attemptKey(pod);
    if (key === undefined) return;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    this.attempts.set(pod.metadata!.uid!, n);
  }

  /** Number of earlier pods of the same Job (and index, when Indexed). */
  attemptOf(pod: Pod): number {
    return this.attempts.get(pod.metadata?.uid ?? '') ?? 0;
  }

  /** Decides what a container does on this start. */
  plan(pod: Pod, container: string, restart: number): ContainerPlan {
    const job = pod.metadata?.labels?.['batch.kubernetes.io/job-name'] ?? pod.metadata?.labels?.['job-name'];
    const index = getCompletionIndex(pod);
    const attempt = this.attemptOf(pod);
    const streamKey =
      job !== undefined
        ? `job:${job}/${index}/${attempt}/${container}/${restart}`
        : `pod:${pod.metadata?.name}/${container}/${restart}`;
    const rng = new Rng((hashString(streamKey) ^ Math.imul(this.seed | 0, 0x9e3779b1)) >>> 0);
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      const m = r.match;
      if (m) {
        if (m.job !== undefined && m.job !== job) continue;
        if (m.pod !== undefined && m.pod !== pod.metadata?.name) continue;
        if (m.container !== undefined && m.container !== container) continue;
        if (m.index !== undefined && (index < 0 || !matches(m.index, index))) continue;
        if (!matches(m.attempt, attempt)) continue;
        if (!matches(m.restart, restart)) continue;
      }
      if (r.probability !== undefined && !(rng.nextFloat() < r.probability)) continue;
      const exitCode = r.exitCode ?? 0;
      return {
        runMs: runTime(r.run ?? { kind: 'fixed', ms: 10_000 }, rng),
        exitCode,
        reason: r.reason ?? (exitCode === 0 ? 'Completed' : 'Error'),
        onStop: r.onStop,
        rule: i,
      };
    }
    return DEFAULT_PLAN;
  }
}

function attemptKey(pod: Pod): string | undefined {
  const ref = pod.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'Job');
  if (!ref) return undefined;
  const ix = getCompletionIndex(pod);
  return ix >= 0 ? `${ref.uid}/${ix}` : ref.uid;
}

function runTime(spec: RunSpec, rng: Rng): number | undefined {
  switch (spec.kind) {
    case 'fixed':
      return spec.ms;
    case 'forever':
      return undefined;
    case 'uniform':
      return Math.round(spec.minMs + rng.nextFloat() * (spec.maxMs - spec.minMs));
    case 'exponential':
      return Math.round(-Math.log(1 - rng.nextFloat()) * spec.meanMs);
  }
}
