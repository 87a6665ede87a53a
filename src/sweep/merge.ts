/**
 * Merging sweep results: the shards of one sweep (run on different machines, e.g. as the pods of
 * an Indexed Job) merge into exactly the result of running the sweep whole.
 */
import { Accumulator, type SweepResult } from './aggregate.js';
import { SweepInputError } from './seeds.js';

/**
 * Merges partial results of one sweep (same scenario, seeds and failing-seed limit; disjoint
 * shards of the same count). With every shard present the result equals the single-run result
 * exactly (no `shards` field); otherwise it carries the shard indexes it covers.
 *
 * @example
 * ```ts
 * const whole = mergeSweeps([shard0, shard1, shard2]);
 * whole.runs; // every seed of the range
 * ```
 * @throws SweepInputError when the parts are not shards of one sweep, or overlap.
 */
export function mergeSweeps(parts: readonly SweepResult[]): SweepResult {
  const first = parts[0];
  if (!first) throw new SweepInputError('INVALID_PARTS', 'nothing to merge: give at least one sweep result');
  for (const [i, p] of parts.entries()) checkPart(p, i);
  const label = (i: number) => `part ${i + 1}`;
  let count: number | undefined;
  const covered = new Set<number>();
  let whole = false;
  for (const [i, p] of parts.entries()) {
    if (p.scenarioHash !== first.scenarioHash)
      throw new SweepInputError(
        'INVALID_PARTS',
        `${label(i)} is a sweep of a different scenario (${p.file}, hash ${p.scenarioHash}) than part 1 (${first.file}, hash ${first.scenarioHash})`,
      );
    if (p.kubernetesVersion !== first.kubernetesVersion)
      throw new SweepInputError(
        'INVALID_PARTS',
        `${label(i)} was simulated with Kubernetes ${p.kubernetesVersion} semantics, part 1 with ${first.kubernetesVersion}`,
      );
    if (JSON.stringify(p.seeds) !== JSON.stringify(first.seeds))
      throw new SweepInputError('INVALID_PARTS', `${label(i)} covers different seeds than part 1`);
    if (p.maxFailingSeeds !== first.maxFailingSeeds)
      throw new SweepInputError(
        'INVALID_PARTS',
        `${label(i)} lists up to ${p.maxFailingSeeds} failing seeds, part 1 up to ${first.maxFailingSeeds}`,
      );
    if (!p.shards) {
      if (parts.length > 1)
        throw new SweepInputError(
          'INVALID_PARTS',
          `${label(i)} is a whole sweep (not a shard): merging it with other parts would count seeds twice`,
        );
      whole = true;
      continue;
    }
    if (count === undefined) count = p.shards.count;
    else if (p.shards.count !== count)
      throw new SweepInputError(
        'INVALID_PARTS',
        `${label(i)} is a shard of ${p.shards.count}, part 1 of ${count}: shards of different splits do not merge`,
      );
    for (const index of p.shards.indexes) {
      if (covered.has(index))
        throw new SweepInputError('INVALID_PARTS', `shard ${index}/${count} is given more than once`);
      covered.add(index);
    }
  }
  const acc = new Accumulator({
    file: first.file,
    scenario: first.scenario,
    scenarioHash: first.scenarioHash,
    kubernetesVersion: first.kubernetesVersion,
    seeds: first.seeds,
    maxFailingSeeds: first.maxFailingSeeds,
  });
  for (const p of parts) acc.addResult(p);
  if (whole || count === undefined || covered.size === count) return acc.result();
  return acc.result({ count, indexes: [...covered] });
}

/** The shard indexes of `count` that a (partial) result is missing.  *
 * @example
 * ```ts
 * missingShards(mergeSweeps([shard0of3, shard2of3])); // [1]
 * ```
 */
export function missingShards(r: SweepResult): number[] {
  if (!r.shards) return [];
  const have = new Set(r.shards.indexes);
  const out: number[] = [];
  for (let i = 0; i < r.shards.count; i++) if (!have.has(i)) out.push(i);
  return out;
}

/** A light structural check of a parsed JSON file, so a wrong file is an input error, not a crash. */
function checkPart(p: SweepResult, i: number): void {
  const ok =
    typeof p === 'object' &&
    p !== null &&
    p.format === 'jobsim-sweep/v1' &&
    typeof p.runs === 'number' &&
    typeof p.passed === 'number' &&
    Array.isArray(p.checks) &&
    Array.isArray(p.duration?.histogram) &&
    typeof p.jobs === 'object' &&
    typeof p.outcomes === 'object' &&
    Array.isArray(p.failingSeeds) &&
    typeof p.scenarioHash === 'string';
  if (!ok)
    throw new SweepInputError(
      'INVALID_PARTS',
      `part ${i + 1} is not a jobsim sweep result (format jobsim-sweep/v1; write one with jobsim sweep --out FILE)`,
    );
}
