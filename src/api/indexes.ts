/**
 * Index interval strings of Indexed Jobs (`1,3-5,7`), as `status.completedIndexes`,
 * `status.failedIndexes` and `successPolicy.rules[*].succeededIndexes` use them.
 *
 * Formatting and lenient parsing follow the controller (`pkg/controller/job/indexed_job_utils.go`:
 * `orderedIntervals.String`, `parseIndexesFromString`); strict parsing follows the API server
 * (`pkg/apis/batch/validation/validation.go`: `validateIndexesFormat`, `parseIndexInterval`).
 */
import { goQuote } from './errors.js';

/** A closed interval of indexes. */
export interface IndexInterval {
  readonly first: number;
  readonly last: number;
}

/** Go `strconv.Atoi`: optional sign, decimal digits, 64-bit range. */
function atoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9_223_372_036_854_775_807n || n < -9_223_372_036_854_775_808n) return undefined;
  return Number(n);
}

/**
 * Formats sorted, distinct indexes: runs of three or more become `first-last`, runs of two are
 * written as two numbers.
 *
 * @example
 * ```ts
 * formatIndexes([1, 3, 4, 5, 7]); // '1,3-5,7'
 * formatIndexes([0, 1]); // '0,1'
 * ```
 */
export function formatIndexes(sorted: readonly number[]): string {
  return formatIndexIntervals(toIntervals(sorted));
}

/**
 * Formats intervals like the controller's `orderedIntervals.String()`.
 *
 * @example
 * ```ts
 * formatIndexIntervals([{ first: 0, last: 2 }, { first: 5, last: 6 }]); // '0-2,5,6'
 * ```
 */
export function formatIndexIntervals(intervals: readonly IndexInterval[]): string {
  const parts: string[] = [];
  for (const v of intervals) {
    let s = String(v.first);
    if (v.last > v.first) s += (v.last === v.first + 1 ? ',' : '-') + String(v.last);
    parts.push(s);
  }
  return parts.join(',');
}

function toIntervals(sorted: readonly number[]): IndexInterval[] {
  const out: Array<{ first: number; last: number }> = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && x === last.last + 1) last.last = x;
    else if (last === undefined || x > last.last) out.push({ first: x, last: x });
  }
  return out;
}

/**
 * Lenient parse, as the Job controller does (`parseIndexesFromString`): unparsable fragments are
 * skipped, parsing stops at the first interval starting at or beyond `completions`, interval ends
 * are clamped to `completions - 1`, and adjacent intervals are merged.
 *
 * @example
 * ```ts
 * parseIndexIntervals('0-2,3,x,7-9', 8); // [{ first: 0, last: 3 }, { first: 7, last: 7 }]
 * ```
 */
export function parseIndexIntervals(s: string, completions: number): IndexInterval[] {
  if (s === '') return [];
  const result: Array<{ first: number; last: number }> = [];
  for (const intervalStr of s.split(',')) {
    const limits = intervalStr.split('-');
    const first = atoi(limits[0]!);
    if (first === undefined) continue;
    if (first >= completions) break;
    let last = first;
    if (limits.length > 1) {
      const l = atoi(limits[1]!);
      if (l === undefined) continue;
      last = l >= completions ? completions - 1 : l;
    }
    const prev = result[result.length - 1];
    if (prev !== undefined && prev.last === first - 1) prev.last = last;
    else result.push({ first, last });
  }
  return result;
}

/**
 * Lenient parse expanded to the list of indexes (see {@link parseIndexIntervals}).
 *
 * @example
 * ```ts
 * parseIndexes('1,3-5,7', 10); // [1, 3, 4, 5, 7]
 * ```
 */
export function parseIndexes(s: string, completions: number): number[] {
  const out: number[] = [];
  for (const { first, last } of parseIndexIntervals(s, completions)) {
    for (let i = first; i <= last; i++) out.push(i);
  }
  return out;
}

/** Upstream `parseIndexInterval`: an interval or the error text. */
function parseIndexIntervalStrict(s: string, completions: number): IndexInterval | string {
  const limits = s.split('-');
  if (limits.length > 2) {
    return `the fragment ${goQuote(s)} violates the requirement that an index interval can have at most two parts separated by '-'`;
  }
  const x = atoi(limits[0]!);
  if (x === undefined) return `cannot convert string to integer for index: ${goQuote(limits[0]!)}`;
  if (x >= completions) return `too large index: ${goQuote(limits[0]!)}`;
  if (limits.length > 1) {
    const y = atoi(limits[1]!);
    if (y === undefined) return `cannot convert string to integer for index: ${goQuote(limits[1]!)}`;
    if (y >= completions) return `too large index: ${goQuote(limits[1]!)}`;
    if (x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
    return { first: x, last: y };
  }
  return { first: x, last: x };
}

/**
 * Strict parse as the API server validates (`validateIndexesFormat`): the number of indexes, or
 * upstream's error text (callers prefix it, e.g. `error parsing succeededIndexes: `).
 *
 * @example
 * ```ts
 * validateIndexesFormat('0-2,4', 5); // { total: 4 }
 * validateIndexesFormat('1,1', 5); // { error: 'non-increasing order, previous: 1, current: 1' }
 * ```
 */
export function validateIndexesFormat(
  s: string,
  completions: number,
): { readonly total: number; readonly error?: undefined } | { readonly error: string } {
  if (s.length === 0) return { total: 0 };
  let lastIndex: number | undefined;
  let total = 0;
  for (const intervalStr of s.split(',')) {
    const r = parseIndexIntervalStrict(intervalStr, completions);
    if (typeof r === 'string') return { error: r };
    if (lastIndex !== undefined && lastIndex >= r.first) {
      return { error: `non-increasing order, previous: ${lastIndex}, current: ${r.first}` };
    }
    total += r.last - r.first + 1;
    lastIndex = r.last;
  }
  return { total };
}

/**
 * The API server's parse error text for an index string, or `undefined` when it is valid.
 *
 * @example
 * ```ts
 * validateIndexesString('invalid-format', 5); // 'cannot convert string to integer for index: "invalid"'
 * validateIndexesString('0,2-4', 5); // undefined
 * ```
 */
export function validateIndexesString(s: string, completions: number): string | undefined {
  const r = validateIndexesFormat(s, completions);
  return r.error;
}

/**
 * Upstream `validateFailedIndexesNotOverlapCompleted`: the overlap error text, if any.
 *
 * @example
 * ```ts
 * failedIndexesOverlapCompleted('0-2', '2,5', 10); // 'failedIndexes and completedIndexes overlap at index: 2'
 * ```
 */
export function failedIndexesOverlapCompleted(
  completed: string,
  failed: string,
  completions: number,
): string | undefined {
  if (completed.length === 0 || failed.length === 0) return undefined;
  const c = completed.split(',');
  const f = failed.split(',');
  let ci = 0;
  let fi = 0;
  let cr = parseIndexIntervalStrict(c[0]!, completions);
  let fr = parseIndexIntervalStrict(f[0]!, completions);
  while (ci < c.length && fi < f.length) {
    if (typeof cr === 'string') {
      ci++;
      if (ci < c.length) cr = parseIndexIntervalStrict(c[ci]!, completions);
    } else if (typeof fr === 'string') {
      fi++;
      if (fi < f.length) fr = parseIndexIntervalStrict(f[fi]!, completions);
    } else {
      if (cr.first <= fr.last && fr.first <= cr.last) {
        return `failedIndexes and completedIndexes overlap at index: ${Math.max(cr.first, fr.first)}`;
      }
      if (cr.first <= fr.first) {
        ci++;
        if (ci < c.length) cr = parseIndexIntervalStrict(c[ci]!, completions);
      } else {
        fi++;
        if (fi < f.length) fr = parseIndexIntervalStrict(f[fi]!, completions);
      }
    }
  }
  return undefined;
}
