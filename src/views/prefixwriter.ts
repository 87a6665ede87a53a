/**
 * `kubectl describe`'s `PrefixWriter` over its tabwriter (`tabbedString`: minwidth 0, tabwidth 8,
 * padding 2, `' '`). Each level indents by two spaces, prepended once to the written text.
 */
import { escapeTerminal } from './format.js';
import { GoTabWriter, KUBECTL_DESCRIBE_TABWRITER } from './tabwriter.js';

/**
 * Builds one `kubectl describe` page.
 *
 * @example
 * ```ts
 * const w = new PrefixWriter();
 * w.write(0, 'Name:\tpi\n');
 * w.write(0, 'Namespace:\tdefault\n');
 * w.finish(); // 'Name:       pi\nNamespace:  default\n'
 * ```
 */
export class PrefixWriter {
  private readonly tw = new GoTabWriter(KUBECTL_DESCRIBE_TABWRITER);

  /** `Write(level, format, ...)`: the text, indented by `level` × two spaces. */
  write(level: number, text: string): void {
    this.tw.write(escapeTerminal('  '.repeat(level) + text));
  }

  /** `WriteLine(a...)`: the text and a newline, no indentation. */
  writeLine(text: string): void {
    this.tw.write(escapeTerminal(`${text}\n`));
  }

  /** `Flush()`: ends every column block so far. */
  flush(): void {
    this.tw.flush();
  }

  /** Flushes and returns the page. */
  finish(): string {
    this.tw.flush();
    return this.tw.output;
  }
}
