/**
 * List filters of the API server: `labelSelector` (set-based syntax) and `fieldSelector`
 * (`a=b`, `a==b`, `a!=b`, comma-separated, on dotted field paths such as `metadata.name`,
 * `status.phase`, `spec.nodeName` or `involvedObject.uid`).
 */
import { compileSelector, parseSelectorString } from '../api/selector.js';
import type { KubeObject } from '../api/types.js';
import { HttpError } from './status.js';

/** A compiled filter over stored objects. */
export type ObjectFilter = (o: KubeObject) => boolean;

interface FieldRequirement {
  readonly path: readonly string[];
  readonly value: string;
  readonly equal: boolean;
}

function fieldValue(o: unknown, path: readonly string[]): string {
  let cur: unknown = o;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

/**
 * Parses a field selector.
 * @throws HttpError 400 for a malformed requirement.
 *
 * @example
 * ```ts
 * const f = parseFieldSelector('metadata.name=pi,status.phase!=Failed');
 * ```
 */
export function parseFieldSelector(s: string): ObjectFilter {
  const reqs: FieldRequirement[] = [];
  for (const raw of s.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new HttpError(400, 'BadRequest', `invalid selector: '${s}'; can't understand '${part}'`);
    reqs.push({ path: m[1]!.split('.'), value: m[3]!, equal: m[2] !== '!=' });
  }
  if (reqs.length === 0) return () => true;
  return (o) => {
    for (const r of reqs) if ((fieldValue(o, r.path) === r.value) !== r.equal) return false;
    return true;
  };
}

/**
 * Parses a label selector string into a filter.
 * @throws HttpError 400 for a malformed selector.
 *
 * @example
 * ```ts
 * parseLabelFilter('job-name=pi')(pod); // true for the pi Job's pods
 * ```
 */
export function parseLabelFilter(s: string): ObjectFilter {
  if (s.trim() === '') return () => true;
  let match: ReturnType<typeof compileSelector>;
  try {
    match = compileSelector(parseSelectorString(s));
  } catch (e) {
    throw new HttpError(400, 'BadRequest', `unable to parse requirement: ${(e as Error).message}`);
  }
  return (o) => match(o.metadata?.labels);
}

/** Both selectors of a request (either may be absent). */
export function requestFilter(labelSelector: string | null, fieldSelector: string | null): ObjectFilter {
  const l = labelSelector ? parseLabelFilter(labelSelector) : undefined;
  const f = fieldSelector ? parseFieldSelector(fieldSelector) : undefined;
  if (l && f) return (o) => l(o) && f(o);
  return l ?? f ?? (() => true);
}
