/**
 * One seed of a sweep: run the scenario without history and keep only the numbers the
 * aggregate needs.
 */
import type { Job, Pod } from '../api/types.js';
import type { LoadedScenario } from '../scenario/load.js';
import { type RunEndInfo, runScenario } from '../scenario/run.js';

/** How one Job ended in one seed. */
export interface JobOutcome {
  readonly name: string;
  /** `Complete` / `Failed` from the Job's terminal condition; `Unfinished` when it has none at the end. */
  readonly outcome: 'Complete' | 'Failed' | 'Unfinished';
  /** The Failed condition's reason (e.g. `BackoffLimitExceeded`). */
  readonly reason?: string;
  /**
   * Virtual ms from the Job's creationTimestamp to its terminal condition's lastTransitionTime
   * (both second precision, as the API server stores them). Absent when unfinished.
   */
  readonly durationMs?: number;
}

/** What one seed contributes to a sweep. */
export interface SeedOutcome {
  readonly seed: number;
  /** Every check held. */
  readonly ok: boolean;
  /** Each check in the order the run reports them: its description and whether it held. */
  readonly checks: readonly { readonly description: string; readonly ok: boolean }[];
  /** The first few failure messages (empty when ok). */
  readonly failures: readonly string[];
  readonly end: RunEndInfo['reason'];
  /** See {@link seedDuration}. */
  readonly durationMs: number;
  readonly jobs: readonly JobOutcome[];
  /** Pods created during the run (by the Job controller, or bare Pods), deleted ones included. */
  readonly podsCreated: number;
  /** Pods failed: the Jobs' `status.failed` plus bare Pods in phase Failed. */
  readonly podsFailed: number;
  /** Sum of `restartCount` over the containers (init included) of the Pods that exist at the end. */
  readonly restarts: number;
  readonly events: number;
}

/** At most this many failure messages are kept per failing seed. */
export const FAILURES_PER_SEED = 3;

/**
 * Runs one seed (`recordHistory: false`) and measures it.
 *
 * The seed's virtual duration is the time, from virtual time 0, at which the last Job reached
 * its terminal condition (Complete=True or Failed=True; its lastTransitionTime, second
 * precision). When some Job has no terminal condition at the end (the run hit `limit` or
 * `until`, or went idle) or the scenario has no Jobs, it is the time the run ended.
 *
 * @example
 * ```ts
 * const o = runSeed(loadScenario(text, 'flaky.yaml'), 7);
 * o.ok; o.durationMs; o.jobs[0]?.outcome;
 * ```
 */
export function runSeed(loaded: LoadedScenario, seed: number): SeedOutcome {
  const r = runScenario(loaded, { seed, recordHistory: false });
  const store = r.sim.store;
  const jobs: JobOutcome[] = [];
  let lastFinish = 0;
  let unfinished = false;
  let podsFailed = 0;
  for (const j of store.list('Job')) {
    const o = jobOutcome(j, (ts) => store.virtualTime(ts));
    jobs.push(o);
    if (o.outcome === 'Unfinished') unfinished = true;
    else {
      const finishedAt = store.virtualTime(terminalCondition(j)?.lastTransitionTime) ?? r.end.time;
      if (finishedAt > lastFinish) lastFinish = finishedAt;
    }
    podsFailed += j.status?.failed ?? 0;
  }
  const podsCreated = store.createdCount('Pod');
  let restarts = 0;
  for (const p of store.list('Pod')) {
    if (!p.metadata?.ownerReferences?.some((o) => o.controller) && p.status?.phase === 'Failed') podsFailed++;
    restarts += restartsOf(p);
  }
  const failures: string[] = [];
  for (const c of r.checks) {
    for (const f of c.failures) if (failures.length < FAILURES_PER_SEED) failures.push(f);
    if (!c.ok && c.failures.length === 0 && failures.length < FAILURES_PER_SEED) failures.push(c.description);
  }
  return {
    seed,
    ok: r.ok,
    checks: r.checks.map((c) => ({ description: c.description, ok: c.ok })),
    failures,
    end: r.end.reason,
    durationMs: unfinished || jobs.length === 0 ? r.end.time : lastFinish,
    jobs,
    podsCreated,
    podsFailed,
    restarts,
    events: r.sim.engine.eventsProcessed,
  };
}

function terminalCondition(j: Job) {
  return j.status?.conditions?.find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

function jobOutcome(j: Job, virtualTime: (ts: string | undefined) => number | undefined): JobOutcome {
  const name = j.metadata?.name ?? '';
  const c = terminalCondition(j);
  if (!c) return { name, outcome: 'Unfinished' };
  const end = virtualTime(c.lastTransitionTime) ?? 0;
  const start = virtualTime(j.metadata?.creationTimestamp) ?? 0;
  const durationMs = Math.max(0, end - start);
  return c.type === 'Failed'
    ? { name, outcome: 'Failed', reason: c.reason ?? '', durationMs }
    : { name, outcome: 'Complete', durationMs };
}

function restartsOf(p: Pod): number {
  let n = 0;
  for (const s of p.status?.containerStatuses ?? []) n += s.restartCount ?? 0;
  for (const s of p.status?.initContainerStatuses ?? []) n += s.restartCount ?? 0;
  return n;
}
