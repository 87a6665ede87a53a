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
  for (let i = 0; i < completions && out.length < count; i++) {
    if (succeeded.has(i) || failed.has(i) || busy.has(i)) continue;
    out.push(i);
  }
  return out;
}
