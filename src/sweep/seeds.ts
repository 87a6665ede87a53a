/**
 * Which seeds a sweep runs: a range or a list, optionally one interleaved shard of it.
 */

/** The seeds of a sweep: an inclusive range, or an explicit list (run and reported in seed order). */
export type SeedSelection = { readonly from: number; readonly to: number } | readonly number[];

/** One of `count` interleaved slices: seed `s` of a range belongs to shard `(s - from) mod count`. */
export interface Shard {
  /** 0-based, as `JOB_COMPLETION_INDEX`. */
  readonly index: number;
  readonly count: number;
}

/** A problem with sweep input (seeds, shard, workers, parts to merge): exit status 2 on the CLI. */
export class SweepInputError extends Error {
  readonly code: 'INVALID_SEEDS' | 'INVALID_SHARD' | 'INVALID_WORKERS' | 'INVALID_PARTS';
  constructor(code: SweepInputError['code'], message: string) {
    super(message);
    this.name = 'SweepInputError';
    this.code = code;
  }
}

/** The JSON form of a seed selection, as carried by sweep results. */
export type SeedSpec = { readonly from: number; readonly to: number } | { readonly list: readonly number[] };

/** Largest number of seeds one sweep may cover (the per-seed work is what bounds it in practice). */
export const MAX_SEEDS = 100_000_000;

/**
 * Checks a selection and gives its JSON form. Seeds are safe integers; a list has no duplicates
 * and is sorted (the order seeds are run and reported in).
 */
export function seedSpec(seeds: SeedSelection): SeedSpec {
  if (isRange(seeds)) {
    const { from, to } = seeds;
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to))
      throw new SweepInputError(
        'INVALID_SEEDS',
        `seeds: from and to must be integers of at most 2^53-1 in magnitude, got ${from} and ${to}`,
      );
    if (to < from)
      throw new SweepInputError('INVALID_SEEDS', `seeds: the range ${from}-${to} is empty (to < from)`);
    if (to - from + 1 > MAX_SEEDS)
      throw new SweepInputError('INVALID_SEEDS', `seeds: at most ${MAX_SEEDS} seeds per sweep`);
    return { from, to };
  }
  if (seeds.length === 0) throw new SweepInputError('INVALID_SEEDS', 'seeds: the list is empty');
  const list = [...seeds].sort((a, b) => a - b);
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    if (!Number.isSafeInteger(s))
      throw new SweepInputError(
        'INVALID_SEEDS',
        `seeds: ${s} is not an integer of at most 2^53-1 in magnitude`,
      );
    if (i > 0 && list[i - 1] === s)
      throw new SweepInputError('INVALID_SEEDS', `seeds: ${s} is given more than once`);
  }
  return { list };
}

function isRange(s: SeedSelection): s is { readonly from: number; readonly to: number } {
  return !Array.isArray(s);
}

/** Checks a shard: `0 <= index < count`. */
export function checkShard(shard: Shard): Shard {
  const { index, count } = shard;
  if (!Number.isSafeInteger(count) || count < 1)
    throw new SweepInputError('INVALID_SHARD', `shard: the count must be a positive integer, got ${count}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count)
    throw new SweepInputError(
      'INVALID_SHARD',
      `shard: the index must be an integer from 0 to ${count - 1}, got ${index}`,
    );
  return { index, count };
}

/**
 * The seeds one shard runs, in seed order: of a range, `from + index`, `from + index + count`, …;
 * of a list, the elements at positions `index`, `index + count`, … (of the sorted list).
 *
 * @example
 * ```ts
 * shardSeeds({ from: 1, to: 10 }, { index: 1, count: 4 }); // [2, 6, 10]
 * ```
 */
export function shardSeeds(spec: SeedSpec, shard: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  if ('list' in spec) {
    for (let i = shard.index; i < spec.list.length; i += shard.count) out.push(spec.list[i]!);
  } else {
    for (let s = spec.from + shard.index; s <= spec.to; s += shard.count) out.push(s);
  }
  return out;
}

/** Number of seeds of a selection. */
export function seedCount(spec: SeedSpec): number {
  return 'list' in spec ? spec.list.length : spec.to - spec.from + 1;
}

/** `1-100`, `7`, `1,5,9` or a mix (`1-10,20`); the inverse of {@link formatSeeds} for ranges.  *
 * @example
 * ```ts
 * parseSeeds('1-100'); // { from: 1, to: 100 }
 * parseSeeds('1-3,9'); // [1, 2, 3, 9]
 * ```
 */
export function parseSeeds(text: string): SeedSelection {
  const t = text.trim();
  const range = /^(\d+)-(\d+)$/.exec(t);
  if (range) return { from: Number(range[1]), to: Number(range[2]) };
  const list: number[] = [];
  for (const part of t.split(',')) {
    const p = part.trim();
    const r = /^(\d+)-(\d+)$/.exec(p);
    if (r) {
      const a = Number(r[1]);
      const b = Number(r[2]);
      if (b < a)
        throw new SweepInputError('INVALID_SEEDS', `invalid --seeds ${JSON.stringify(text)}: ${p} is empty`);
      if (b - a + 1 > MAX_SEEDS)
        throw new SweepInputError('INVALID_SEEDS', `invalid --seeds ${JSON.stringify(text)}: too many seeds`);
      for (let s = a; s <= b; s++) list.push(s);
    } else if (/^-?\d+$/.test(p)) list.push(Number(p));
    else
      throw new SweepInputError(
        'INVALID_SEEDS',
        `invalid --seeds ${JSON.stringify(text)}: use a range such as 1-1000 or a list such as 1,5,9`,
      );
  }
  return list;
}

/** `1-100` for a range, `1,5,9` for a short list, `1,5,9,… (N seeds)` for a long one. */
export function formatSeeds(spec: SeedSpec): string {
  if (!('list' in spec)) return `${spec.from}-${spec.to}`;
  if (spec.list.length <= 8) return spec.list.join(',');
  return `${spec.list.slice(0, 5).join(',')},… (${spec.list.length} seeds)`;
}

/** `I/N` (0-based index).  *
 * @example
 * ```ts
 * parseShard('3/8'); // { index: 3, count: 8 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m)
    throw new SweepInputError(
      'INVALID_SHARD',
      `invalid --shard ${JSON.stringify(text)}: use I/N with 0 <= I < N, e.g. 0/4`,
    );
  return checkShard({ index: Number(m[1]), count: Number(m[2]) });
}
