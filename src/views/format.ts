/**
 * Small formatting helpers shared by the printers and describers, each mirroring a named upstream
 * function.
 */
import type { Container, DeepReadonly, LabelSelector } from '../api/types.js';

/**
 * `metav1.FormatLabelSelector`: the selector's canonical string (requirements sorted by key,
 * values sorted), `<none>` when it selects everything or nothing.
 *
 * @example
 * ```ts
 * formatLabelSelector({ matchLabels: { 'job-name': 'pi', app: 'x' } }); // 'app=x,job-name=pi'
 * formatLabelSelector(undefined);                                       // '<none>'
 * ```
 */
export function formatLabelSelector(selector: DeepReadonly<LabelSelector> | null | undefined): string {
  const s = labelSelectorString(selector);
  return s === '' ? '<none>' : s;
}

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: `''` for a nil or empty selector.
 *
 * @example
 * ```ts
 * labelSelectorString({ matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }] }); // 'a in (x,y)'
 * ```
 */
export function labelSelectorString(selector: DeepReadonly<LabelSelector> | null | undefined): string {
  if (selector === null || selector === undefined) return '';
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key: k, text: `${k}=${v}` });
  }
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(byteCompare);
    const list = values.length === 1 ? values[0]! : values.join(',');
    switch (e.operator) {
      case 'In':
        reqs.push({ key: e.key, text: `${e.key} in (${list})` });
        break;
      case 'NotIn':
        reqs.push({ key: e.key, text: `${e.key} notin (${list})` });
        break;
      case 'Exists':
        reqs.push({ key: e.key, text: e.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: e.key, text: `!${e.key}` });
        break;
      default:
        return '<error>';
    }
  }
  // Selector.Add sorts requirements by key (stable for the handful a selector has).
  return reqs
    .map((r, i) => ({ ...r, i }))
    .sort((a, b) => byteCompare(a.key, b.key) || a.i - b.i)
    .map((r) => r.text)
    .join(',');
}

/**
 * Go string ordering (bytewise; identical to UTF-16 ordering for ASCII keys).
 *
 * @example
 * ```ts
 * ['b', 'a'].sort(byteCompare); // ['a', 'b']
 * ```
 */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The printers' `layoutContainerCells`: comma-joined container names and images.
 *
 * @example
 * ```ts
 * layoutContainerCells([{ name: 'pi', image: 'perl:5.34.0' }]); // ['pi', 'perl:5.34.0']
 * ```
 */
export function layoutContainerCells(
  containers: ReadonlyArray<DeepReadonly<Container>> | undefined,
): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/**
 * cli-runtime `printers.EscapeTerminal`: ESC becomes `^[` and CR becomes `\r`, so object data
 * cannot drive the terminal.
 *
 * @example
 * ```ts
 * escapeTerminal('a\x1bb'); // 'a^[b'
 * ```
 */
export function escapeTerminal(s: string): string {
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

/**
 * kubectl's `printBool`: `True` / `False`.
 *
 * @example
 * ```ts
 * printBool(false); // 'False'
 * ```
 */
export function printBool(value: boolean): string {
  return value ? 'True' : 'False';
}

/**
 * kubectl's `printBoolPtr`: `True` / `False`, `<unset>` when absent.
 *
 * @example
 * ```ts
 * printBoolPtr(undefined); // '<unset>'
 * ```
 */
export function printBoolPtr(value: boolean | null | undefined): string {
  return value === undefined || value === null ? '<unset>' : printBool(value);
}
