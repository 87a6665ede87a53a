/**
 * The aggregate of a sweep, kept exact: counts are integers, durations are exact histograms
 * (value -> number of seeds), and the failing seeds are the smallest ones. Every operation is
 * commutative and associative, so the result does not depend on how seeds were split between
 * workers or shards, nor on the order partial results arrive in.
 */
import type { RunEndInfo } from '../scenario/run.js';
import type { SeedOutcome } from './outcome.js';
import type { SeedSpec } from './seeds.js';

/** How a run ended (`RunEndInfo.reason`). */
export type EndReason = RunEndInfo['reason'];

/** An exact histogram: `[value, count]` pairs, values ascending. */
export type Histogram = readonly (readonly [number, number])[];

/**
 * Nearest-rank quantiles of an exact histogram: `pQ` is the smallest value such that at least
 * Q% of the seeds are at or below it (rank `ceil(Q * count / 100)`). All null when empty.
 */
export interface Quantiles {
  readonly count: number;
  readonly min: number | null;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

/** Quantiles plus the histogram they were computed from (what merging needs). */
export interface DurationSummary extends Quantiles {
  /** Virtual milliseconds -> number of seeds (or Jobs). */
  readonly histogram: Histogram;
}

/** Job outcomes: Complete, Failed by the Failed condition's reason, and Unfinished. */
export interface OutcomeCounts {
  readonly Complete: number;
  readonly Failed: Readonly<Record<string, number>>;
  readonly Unfinished: number;
}

/** One Job (by name) over all seeds. */
export interface JobSummary extends OutcomeCounts {
  /** From the Job's creation to its Complete condition, over the seeds where it completed. */
  readonly completeDuration: DurationSummary;
  /** From the Job's creation to its Failed condition, over the seeds where it failed. */
  readonly failedDuration: DurationSummary;
}

/** One check (by its position in the run's check list and its description) over all seeds. */
export interface CheckTally {
  readonly index: number;
  readonly description: string;
  readonly passed: number;
  readonly failed: number;
}

/** A seed whose checks did not all hold, with the command that replays it. */
export interface FailingSeed {
  readonly seed: number;
  /** The first few failure messages of that run. */
  readonly failures: readonly string[];
  /** `jobsim run FILE --seed N`. */
  readonly command: string;
}

/** Identifies the sweep a (partial) result belongs to; parts merge only when these agree. */
export interface SweepIdentity {
  /** The scenario file as given (used in replay commands). */
  readonly file: string;
  /** The Scenario document's metadata.name ('' when none). */
  readonly scenario: string;
  /** Hash of the loaded scenario (objects and Scenario document): parts of one sweep share it. */
  readonly scenarioHash: string;
  readonly kubernetesVersion: string;
  readonly seeds: SeedSpec;
  /** How many failing seeds are listed (the smallest ones). */
  readonly maxFailingSeeds: number;
}

/**
 * The aggregate of a sweep (JSON-ready). A shard's result carries `shards`; merging all shards
 * of a sweep with {@link mergeSweeps} gives exactly the result of running it whole, which has no
 * `shards` field.
 */
export interface SweepResult extends SweepIdentity {
  readonly format: 'jobsim-sweep/v1';
  /** Present on partial results: the shard count and the shard indexes included. */
  readonly shards?: { readonly count: number; readonly indexes: readonly number[] };
  /** Seeds run. */
  readonly runs: number;
  /** Seeds where every check held. */
  readonly passed: number;
  /** Seeds where some check failed. */
  readonly failed: number;
  /** passed / runs (1 when no seed ran). */
  readonly passRate: number;
  readonly checks: readonly CheckTally[];
  /** How the runs ended: done, until, limit, idle. */
  readonly ends: Readonly<Record<EndReason, number>>;
  /** Over every Job of every seed. */
  readonly outcomes: OutcomeCounts;
  /** By Job name. */
  readonly jobs: Readonly<Record<string, JobSummary>>;
  /**
   * Virtual duration of each seed: when its last Job reached its terminal condition (from
   * virtual time 0; the run's end time when some Job never finished or there are no Jobs).
   */
  readonly duration: DurationSummary;
  readonly pods: { readonly created: number; readonly failed: number; readonly restarts: number };
  /** Simulation events processed, summed over seeds. */
  readonly events: number;
  /** The smallest failing seeds, at most `maxFailingSeeds`, ascending. */
  readonly failingSeeds: readonly FailingSeed[];
}

interface JobAcc {
  complete: number;
  failed: Map<string, number>;
  unfinished: number;
  completeDuration: Map<number, number>;
  failedDuration: Map<number, number>;
}

/** Accumulates seed outcomes and partial results; {@link Accumulator.result} gives the aggregate. */
export class Accumulator {
  private runs = 0;
  private passed = 0;
  private readonly checks = new Map<
    string,
    { index: number; description: string; passed: number; failed: number }
  >();
  private readonly ends: Record<EndReason, number> = { done: 0, until: 0, limit: 0, idle: 0 };
  private readonly outcomes = { complete: 0, failed: new Map<string, number>(), unfinished: 0 };
  private readonly jobs = new Map<string, JobAcc>();
  private readonly duration = new Map<number, number>();
  private podsCreated = 0;
  private podsFailed = 0;
  private restarts = 0;
  private events = 0;
  private failing: FailingSeed[] = [];
  private readonly identity: SweepIdentity;

  constructor(identity: SweepIdentity) {
    this.identity = identity;
  }

  /** Adds one seed. */
  add(o: SeedOutcome): void {
    this.runs++;
    if (o.ok) this.passed++;
    for (const [index, c] of o.checks.entries()) {
      this.tallyCheck(index, c.description, c.ok ? 1 : 0, c.ok ? 0 : 1);
    }
    this.ends[o.end]++;
    bump(this.duration, o.durationMs, 1);
    for (const j of o.jobs) {
      const acc = this.job(j.name);
      if (j.outcome === 'Complete') {
        acc.complete++;
        this.outcomes.complete++;
        if (j.durationMs !== undefined) bump(acc.completeDuration, j.durationMs, 1);
      } else if (j.outcome === 'Failed') {
        bump(acc.failed, j.reason ?? '', 1);
        bump(this.outcomes.failed, j.reason ?? '', 1);
        if (j.durationMs !== undefined) bump(acc.failedDuration, j.durationMs, 1);
      } else {
        acc.unfinished++;
        this.outcomes.unfinished++;
      }
    }
    this.podsCreated += o.podsCreated;
    this.podsFailed += o.podsFailed;
    this.restarts += o.restarts;
    this.events += o.events;
    if (!o.ok)
      this.addFailing([
        { seed: o.seed, failures: o.failures, command: replayCommand(this.identity.file, o.seed) },
      ]);
  }

  /** Adds a partial result (of the same sweep; the caller checks that). */
  addResult(r: SweepResult): void {
    this.runs += r.runs;
    this.passed += r.passed;
    for (const c of r.checks) this.tallyCheck(c.index, c.description, c.passed, c.failed);
    for (const k of Object.keys(this.ends) as EndReason[]) this.ends[k] += r.ends[k] ?? 0;
    for (const [v, n] of r.duration.histogram) bump(this.duration, v, n);
    this.outcomes.complete += r.outcomes.Complete;
    this.outcomes.unfinished += r.outcomes.Unfinished;
    for (const [reason, n] of Object.entries(r.outcomes.Failed)) bump(this.outcomes.failed, reason, n);
    for (const [name, j] of Object.entries(r.jobs)) {
      const acc = this.job(name);
      acc.complete += j.Complete;
      acc.unfinished += j.Unfinished;
      for (const [reason, n] of Object.entries(j.Failed)) bump(acc.failed, reason, n);
      for (const [v, n] of j.completeDuration.histogram) bump(acc.completeDuration, v, n);
      for (const [v, n] of j.failedDuration.histogram) bump(acc.failedDuration, v, n);
    }
    this.podsCreated += r.pods.created;
    this.podsFailed += r.pods.failed;
    this.restarts += r.pods.restarts;
    this.events += r.events;
    this.addFailing(r.failingSeeds);
  }

  /** The aggregate so far; `shards` marks a partial result. */
  result(shards?: { count: number; indexes: readonly number[] }): SweepResult {
    const jobs: Record<string, JobSummary> = {};
    for (const name of [...this.jobs.keys()].sort(compareStrings)) {
      const j = this.jobs.get(name)!;
      jobs[name] = {
        Complete: j.complete,
        Failed: sortedRecord(j.failed),
        Unfinished: j.unfinished,
        completeDuration: summarize(j.completeDuration),
        failedDuration: summarize(j.failedDuration),
      };
    }
    const checks = [...this.checks.values()].sort(
      (a, b) => a.index - b.index || compareStrings(a.description, b.description),
    );
    return {
      format: 'jobsim-sweep/v1',
      file: this.identity.file,
      scenario: this.identity.scenario,
      scenarioHash: this.identity.scenarioHash,
      kubernetesVersion: this.identity.kubernetesVersion,
      seeds: this.identity.seeds,
      maxFailingSeeds: this.identity.maxFailingSeeds,
      ...(shards
        ? { shards: { count: shards.count, indexes: [...shards.indexes].sort((a, b) => a - b) } }
        : {}),
      runs: this.runs,
      passed: this.passed,
      failed: this.runs - this.passed,
      passRate: this.runs === 0 ? 1 : this.passed / this.runs,
      checks: checks.map((c) => ({ ...c })),
      ends: { ...this.ends },
      outcomes: {
        Complete: this.outcomes.complete,
        Failed: sortedRecord(this.outcomes.failed),
        Unfinished: this.outcomes.unfinished,
      },
      jobs,
      duration: summarize(this.duration),
      pods: { created: this.podsCreated, failed: this.podsFailed, restarts: this.restarts },
      events: this.events,
      failingSeeds: this.failing.map((f) => ({ ...f, failures: [...f.failures] })),
    };
  }

  private tallyCheck(index: number, description: string, passed: number, failed: number): void {
    const key = `${index}\u0000${description}`;
    const c = this.checks.get(key);
    if (c) {
      c.passed += passed;
      c.failed += failed;
    } else this.checks.set(key, { index, description, passed, failed });
  }

  private job(name: string): JobAcc {
    let acc = this.jobs.get(name);
    if (!acc) {
      acc = {
        complete: 0,
        failed: new Map(),
        unfinished: 0,
        completeDuration: new Map(),
        failedDuration: new Map(),
      };
      this.jobs.set(name, acc);
    }
    return acc;
  }

  private addFailing(more: readonly FailingSeed[]): void {
    if (more.length === 0 || this.identity.maxFailingSeeds === 0) return;
    const all = [...this.failing, ...more].sort((a, b) => a.seed - b.seed);
    this.failing = all.slice(0, this.identity.maxFailingSeeds);
  }
}

function bump<K>(m: Map<K, number>, k: K, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort(compareStrings)) out[k] = m.get(k)!;
  return out;
}

/** Exact histogram and nearest-rank quantiles of a value -> count map. */
export function summarize(m: ReadonlyMap<number, number>): DurationSummary {
  const histogram = [...m.entries()].sort((a, b) => a[0] - b[0]) as [number, number][];
  return { ...quantiles(histogram), histogram };
}

/** Nearest-rank quantiles of an exact histogram (integer arithmetic only).  *
 * @example
 * ```ts
 * quantiles([[10, 1], [20, 1], [30, 1]]).p50; // 20
 * ```
 */
export function quantiles(histogram: Histogram): Quantiles {
  let count = 0;
  for (const [, n] of histogram) count += n;
  if (count === 0) return { count, min: null, p50: null, p90: null, p99: null, max: null };
  const at = (percent: number): number => {
    const rank = Math.max(1, Math.ceil((percent * count) / 100));
    let seen = 0;
    for (const [v, n] of histogram) {
      seen += n;
      if (seen >= rank) return v;
    }
    return histogram[histogram.length - 1]![0];
  };
  return {
    count,
    min: histogram[0]![0],
    p50: at(50),
    p90: at(90),
    p99: at(99),
    max: histogram[histogram.length - 1]![0],
  };
}

/** `jobsim run FILE --seed N`, with FILE quoted for a POSIX shell when needed.  *
 * @example
 * ```ts
 * replayCommand('sim/a.yaml', 7); // 'jobsim run sim/a.yaml --seed 7'
 * ```
 */
export function replayCommand(file: string, seed: number): string {
  const f = /^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return `jobsim run ${f} --seed ${seed}`;
}
