/**
 * Completion-index helpers, as upstream `pkg/controller/job/indexed_job_utils.go`.
 */
import { formatIndexes, parseIndexes } from '../../api/indexes.js';
import type { Pod } from '../../api/types.js';
import { getCompletionIndex } from '../podutil.js';

/**
 * Parses an index interval string leniently, as the controller does (`parseIndexesFromString`,
 * shared with the API's status validation in `src/api/indexes.ts`). Returns sorted indexes.
 */
export function parseIndexSet(s: string | undefined, completions: number): number[] {
  return s ? parseIndexes(s, completions) : [];
}

/** Formats sorted unique indexes: runs of 3 or more as `a-b`, pairs as `a,b`. */
export function formatIndexSet(sorted: Iterable<number>): string {
  return formatIndexes([...sorted]);
}

/** Sorted set of indexes from a set. */
export function sortedIndexes(s: ReadonlySet<number>): number[] {
  return [...s].sort((a, b) => a - b);
}

/** `podGenerateNameWithIndex`: `<job>-<index>-`, the job name cut so the result fits 58 characters. */
export function podGenerateNameWithIndex(jobName: string, index: number): string {
  const suffix = `-${index}-`;
  const max = 63 - 5;
  const base = jobName.length + suffix.length > max ? jobName.slice(0, max - suffix.length) : jobName;
  return base + suffix;
}

/** Succeeded set -> an index below which every index is succeeded or failed. */
const lowWater = new WeakMap<ReadonlySet<number>, number>();

/**
 * `firstPendingIndexes`: the `count` lowest indexes in [0, completions) that are neither
 * succeeded, nor held by a non-terminal pod in `busy`, nor failed.
 */
export function firstPendingIndexes(
  count: number,
  completions: number,
  succeeded: ReadonlySet<number>,
  failed: ReadonlySet<number>,
  busyPods: readonly Pod[],
): number[] {
  const busy = new Set<number>();
  for (const p of busyPods) busy.add(getCompletionIndex(p));
  const out: number[] = [];
  // Every index below the low-water mark has succeeded or failed for good (a Job's succeeded set
  // object only grows, and failed indexes stay failed): start there.
  let start = lowWater.get(succeeded) ?? 0;
  while (start < completions && (succeeded.has(start) || failed.has(start))) start++;
  lowWater.set(succeeded, start);
  for (let i = start; i < completions && out.length < count; i++) {
    if (succeeded.has(i) || failed.has(i) || busy.has(i)) continue;
    out.push(i);
  }
  return out;
}

/**
 * A growing set of indexes kept as sorted disjoint intervals, like the controller's
 * `orderedIntervals`: adding an index and formatting cost O(intervals), not O(indexes).
 */
export class IndexIntervals {
  private readonly firsts: number[] = [];
  private readonly lasts: number[] = [];
  /** Number of indexes. */
  size = 0;

  /** From sorted unique indexes. */
  static of(sorted: Iterable<number>): IndexIntervals {
    const iv = new IndexIntervals();
    for (const ix of sorted) iv.add(ix);
    return iv;
  }

  /** Adds an index (no-op when present). */
  add(ix: number): void {
    const { firsts, lasts } = this;
    // The first interval that ends at or after ix - 1 (it may absorb ix).
    let lo = 0;
    let hi = lasts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lasts[mid]! < ix - 1) lo = mid + 1;
      else hi = mid;
    }
    if (lo < firsts.length && firsts[lo]! <= ix + 1) {
      if (ix >= firsts[lo]! && ix <= lasts[lo]!) return;
      if (ix === firsts[lo]! - 1) firsts[lo] = ix;
      else lasts[lo] = ix; // ix === lasts[lo] + 1
      // Joined the next interval?
      if (lo + 1 < firsts.length && lasts[lo]! + 1 === firsts[lo + 1]) {
        lasts[lo] = lasts[lo + 1]!;
        firsts.splice(lo + 1, 1);
        lasts.splice(lo + 1, 1);
      }
    } else {
      firsts.splice(lo, 0, ix);
      lasts.splice(lo, 0, ix);
    }
    this.size++;
  }

  /** `orderedIntervals.String()`: `0-2,5,6`. */
  toString(): string {
    const parts: string[] = [];
    for (let i = 0; i < this.firsts.length; i++) {
      const first = this.firsts[i]!;
      const last = this.lasts[i]!;
      let s = String(first);
      if (last > first) s += (last === first + 1 ? ',' : '-') + String(last);
      parts.push(s);
    }
    return parts.join(',');
  }
}
