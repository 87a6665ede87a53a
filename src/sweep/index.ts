/**
 * Seed sweeps: Monte Carlo over a scenario, exact and mergeable across workers and shards.
 *
 * @example
 * ```ts
 * import { mergeSweeps, sweep } from 'jobsim';
 * const r = await sweep(text, { file: 'flaky.yaml', seeds: { from: 1, to: 1000 }, workers: 'auto' });
 * r.passRate; r.duration.p99; r.failingSeeds[0]?.command;
 * ```
 */
export type {
  CheckTally,
  DurationSummary,
  EndReason,
  FailingSeed,
  Histogram,
  JobSummary,
  OutcomeCounts,
  Quantiles,
  SweepIdentity,
  SweepResult,
} from './aggregate.js';
export { quantiles, replayCommand } from './aggregate.js';
export { SeedError } from './chunk.js';
export { SWEEP_HELP, type SweepIo, sweepCommand, sweepJson } from './command.js';
export { formatSweep } from './format.js';
export { mergeSweeps, missingShards } from './merge.js';
export type { JobOutcome, SeedOutcome } from './outcome.js';
export { runSeed } from './outcome.js';
export type { SeedSelection, SeedSpec, Shard } from './seeds.js';
export { parseSeeds, parseShard, SweepInputError, shardSeeds } from './seeds.js';
export {
  DEFAULT_MAX_FAILING_SEEDS,
  type SweepOptions,
  SweepPool,
  type SweepPoolOptions,
  type SweepProgress,
  scenarioHash,
  sweep,
} from './sweep.js';
