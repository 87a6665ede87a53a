/**
 * Chunks of seeds: the unit of work a sweep hands to a worker thread (or runs inline).
 */
import type { LoadedScenario } from '../scenario/load.js';
import { Accumulator, type SweepIdentity, type SweepResult } from './aggregate.js';
import { runSeed } from './outcome.js';

/** What a worker needs to run the seeds of one sweep. */
export interface WorkerInit {
  readonly loaded: LoadedScenario;
  readonly identity: SweepIdentity;
}

/**
 * A message to a worker: `load` starts a sweep (numbered by its pool), `chunk` runs seeds of the
 * sweep loaded last. Messages arrive in order, so a sweep's chunks always follow its `load`.
 */
export type WorkerRequest =
  | { readonly type: 'load'; readonly sweep: number; readonly init: WorkerInit }
  | {
      readonly type: 'chunk';
      readonly sweep: number;
      readonly id: number;
      readonly seeds: readonly number[];
    };

/** The answer to a chunk. */
export type ChunkResponse =
  | { readonly sweep: number; readonly id: number; readonly result: SweepResult }
  | { readonly sweep: number; readonly id: number; readonly seed: number; readonly error: string };

/** Runs a chunk of seeds into a partial aggregate (the same code the main thread runs inline). */
export function runChunk(
  loaded: LoadedScenario,
  identity: SweepIdentity,
  seeds: readonly number[],
): SweepResult {
  const acc = new Accumulator(identity);
  for (const seed of seeds) {
    try {
      acc.add(runSeed(loaded, seed));
    } catch (e) {
      throw new SeedError(seed, e instanceof Error ? (e.stack ?? e.message) : String(e));
    }
  }
  return acc.result();
}

/** A run that threw (a bug in jobsim, not bad input): names the seed that replays it. */
export class SeedError extends Error {
  readonly seed: number;
  /** The error, with its stack when there is one. */
  readonly detail: string;
  constructor(seed: number, detail: string) {
    super(`the run of seed ${seed} threw: ${detail}`);
    this.name = 'SeedError';
    this.seed = seed;
    this.detail = detail;
  }
}
