/**
 * kubectl's human-readable table printer (cli-runtime `printers/tableprinter.go` `printTable`) on
 * top of its tabwriter (`minwidth 6, tabwidth 4, padding 3, ' '`): upper-cased headers, cells
 * separated by tabs, a cell cut at its first newline with `...` appended, and no output at all for
 * an empty list (kubectl then says `No resources found ...` on stderr).
 */
import { escapeTerminal } from './format.js';
import { KUBECTL_TABLE_TABWRITER, tabwrite } from './tabwriter.js';

/**
 * One table cell as `printTable` writes it: cut at the first `\f`, `\n` or `\r` (with `...`
 * appended) and terminal-escaped.
 *
 * @example
 * ```ts
 * tableCell('line one\nline two'); // 'line one...'
 * ```
 */
export function tableCell(value: string): string {
  const m = /[\f\n\r]/.exec(value);
  if (m === null) return escapeTerminal(value);
  return `${escapeTerminal(value.slice(0, m.index))}...`;
}

/**
 * Renders rows as `kubectl get` lays them out: headers upper-cased, columns left-aligned and
 * separated by at least three spaces (a column is at least 6 wide), the last column not padded,
 * each line ending in `\n`. Returns `''` when there are no rows, as kubectl prints no header then.
 *
 * @example
 * ```ts
 * renderTable(['Name', 'Age'], [['pi', '5s']]);
 * // 'NAME   AGE\npi     5s\n'
 * ```
 */
export function renderTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  if (rows.length === 0) return '';
  let text = `${headers.map((h) => h.toUpperCase()).join('\t')}\n`;
  for (const row of rows) {
    text += `${row.map(tableCell).join('\t')}\n`;
  }
  return tabwrite(text, KUBECTL_TABLE_TABWRITER);
}

/**
 * kubectl's message (on stderr) when a `get` matches nothing: `No resources found in <ns>
 * namespace.` for namespaced kinds, `No resources found` for cluster-scoped ones (nodes) or
 * `--all-namespaces`.
 *
 * @example
 * ```ts
 * noResourcesFound('default'); // 'No resources found in default namespace.'
 * noResourcesFound();          // 'No resources found'
 * ```
 */
export function noResourcesFound(namespace?: string): string {
  return namespace === undefined || namespace === ''
    ? 'No resources found'
    : `No resources found in ${namespace} namespace.`;
}

/** What a `kubectl get` prints: the table for stdout, or the not-found message for stderr. */
export interface GetOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Combines a rendered table with kubectl's empty-list handling.
 *
 * @example
 * ```ts
 * getOutput('', 'default'); // { stdout: '', stderr: 'No resources found in default namespace.\n' }
 * ```
 */
export function getOutput(table: string, namespace?: string): GetOutput {
  if (table !== '') return { stdout: table, stderr: '' };
  return { stdout: '', stderr: `${noResourcesFound(namespace)}\n` };
}
