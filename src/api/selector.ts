import type { LabelSelector } from './types.js';

/** A compiled label selector: a predicate over a label map. */
export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

/** Labels as stored on objects. */
type Labels = Readonly<Record<string, string>> | undefined;

/**
 * Compiles a `metav1.LabelSelector` (matchLabels and matchExpressions, ANDed). An empty selector
 * matches everything; `null`/`undefined` matches nothing (as `LabelSelectorAsSelector` does).
 *
 * @example
 * ```ts
 * const m = compileSelector({ matchLabels: { app: 'pi' } });
 * m({ app: 'pi', tier: 'x' }); // true
 * ```
 */
export function compileSelector(selector: LabelSelector | null | undefined): LabelMatcher {
  if (selector === null || selector === undefined) return () => false;
  const checks: Array<(l: Labels) => boolean> = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    checks.push((l) => l !== undefined && l[k] === v);
  }
  for (const e of selector.matchExpressions ?? []) {
    const key = e.key;
    const values = new Set(e.values ?? []);
    switch (e.operator) {
      case 'In':
        checks.push((l) => l !== undefined && key in l && values.has(l[key]!));
        break;
      case 'NotIn':
        checks.push((l) => l === undefined || !(key in l) || !values.has(l[key]!));
        break;
      case 'Exists':
        checks.push((l) => l !== undefined && key in l);
        break;
      case 'DoesNotExist':
        checks.push((l) => l === undefined || !(key in l));
        break;
      default:
        checks.push(() => false);
    }
  }
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0]!;
  return (l) => {
    for (const c of checks) if (!c(l)) return false;
    return true;
  };
}

/**
 * Parses a kubectl-style selector string (`app=pi,tier!=web,env in (a,b),!gone,has`).
 *
 * @example
 * ```ts
 * parseSelectorString('app=pi'); // { matchLabels: { app: 'pi' } }
 * ```
 */
export function parseSelectorString(s: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelector['matchExpressions']> = [];
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '') parts.push(cur);
  for (const raw of parts) {
    const p = raw.trim();
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      matchExpressions.push({
        key: m[1]!,
        operator: m[2] === 'in' ? 'In' : 'NotIn',
        values: m[3]!
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
      });
    } else if ((m = p.match(/^([^\s!=]+)\s*!=\s*(\S*)$/))) {
      matchExpressions.push({ key: m[1]!, operator: 'NotIn', values: [m[2]!] });
    } else if ((m = p.match(/^([^\s!=]+)\s*==?\s*(\S*)$/))) {
      matchLabels[m[1]!] = m[2]!;
    } else if ((m = p.match(/^!\s*(\S+)$/))) {
      matchExpressions.push({ key: m[1]!, operator: 'DoesNotExist' });
    } else if ((m = p.match(/^(\S+)$/))) {
      matchExpressions.push({ key: m[1]!, operator: 'Exists' });
    } else {
      throw new Error(`unable to parse requirement: ${JSON.stringify(p)}`);
    }
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length > 0) out.matchLabels = matchLabels;
  if (matchExpressions.length > 0) out.matchExpressions = matchExpressions;
  return out;
}

/**
 * Formats a selector as kubectl prints it (`app=pi,controller-uid=...`).
 */
export function formatSelector(selector: LabelSelector | undefined): string {
  if (!selector) return '<none>';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    parts.push(`${k}=${v}`);
  }
  for (const e of selector.matchExpressions ?? []) {
    const vals = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}
