/**
 * A port of Go's `text/tabwriter` (elastic tabstops), the engine behind every kubectl table and
 * every `kubectl describe` page. Cells are terminated by `\t`; text after the last tab on a line is
 * not part of a column; a run of consecutive lines that all have a cell in column `j` forms a
 * column block whose width is the widest cell plus padding. Ported from
 * `go/src/text/tabwriter/tabwriter.go` (HTML filtering and escape sequences are not supported).
 */

/** Options of `tabwriter.Writer.Init`. */
export interface TabWriterOptions {
  /** Minimal cell width including any padding. */
  readonly minwidth: number;
  /** Width of a tab character (only used when padding with tabs). */
  readonly tabwidth: number;
  /** Padding added to a cell before computing its width. */
  readonly padding: number;
  /** The padding character (one ASCII character; `'\t'` pads with tabs). */
  readonly padchar: string;
  /** `tabwriter.AlignRight`. */
  readonly alignRight?: boolean;
  /** `tabwriter.DiscardEmptyColumns`. */
  readonly discardEmptyColumns?: boolean;
  /** `tabwriter.TabIndent`. */
  readonly tabIndent?: boolean;
}

/**
 * kubectl's table printer: `tabwriter.NewWriter(out, 6, 4, 3, ' ', 0)` (cli-runtime
 * `printers.GetNewTabWriter`).
 *
 * @example
 * ```ts
 * tabwrite('A\tB\n', KUBECTL_TABLE_TABWRITER); // 'A     B\n'
 * ```
 */
export const KUBECTL_TABLE_TABWRITER: TabWriterOptions = {
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: ' ',
};

/**
 * `kubectl describe`'s `tabbedString`: `out.Init(buf, 0, 8, 2, ' ', 0)`.
 *
 * @example
 * ```ts
 * tabwrite('Name:\tpi\n', KUBECTL_DESCRIBE_TABWRITER); // 'Name:  pi\n'
 * ```
 */
export const KUBECTL_DESCRIBE_TABWRITER: TabWriterOptions = {
  minwidth: 0,
  tabwidth: 8,
  padding: 2,
  padchar: ' ',
};

interface Cell {
  readonly text: string;
  readonly width: number;
  readonly htab: boolean;
}

/** Width in runes, as Go's `utf8.RuneCount` counts it. */
function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * A Go `tabwriter.Writer`: feed text with {@link GoTabWriter.write}, call {@link GoTabWriter.flush},
 * read {@link GoTabWriter.output}.
 *
 * @example
 * ```ts
 * const w = new GoTabWriter(KUBECTL_TABLE_TABWRITER);
 * w.write('NAME\tAGE\npi\t5s\n');
 * w.flush();
 * w.output; // 'NAME   AGE\npi     5s\n'
 * ```
 */
export class GoTabWriter {
  private readonly opts: TabWriterOptions;
  private out = '';
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];

  constructor(opts: TabWriterOptions) {
    if (opts.minwidth < 0 || opts.tabwidth < 0 || opts.padding < 0) {
      throw new RangeError('negative minwidth, tabwidth, or padding');
    }
    this.opts = opts.padchar === '\t' ? { ...opts, alignRight: false } : opts;
  }

  /** Everything formatted so far (only complete after {@link GoTabWriter.flush}). */
  get output(): string {
    return this.out;
  }

  /** Writes text; `\n` and `\f` end lines, `\t` and `\v` end cells. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // '\t' 9, '\v' 11, '\n' 10, '\f' 12
      if (ch !== 9 && ch !== 10 && ch !== 11 && ch !== 12) continue;
      this.cell += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === 9);
      if (ch === 10 || ch === 12) {
        this.lines.push([]);
        // A one-cell line cannot affect the formatting of later lines: flush (as Go does).
        if (ch === 12 || ncells === 1) this.flush();
      }
    }
    this.cell += text.slice(start);
  }

  /** Formats and emits everything buffered; ends all column blocks. */
  flush(): void {
    if (this.cell.length > 0) this.terminateCell(false);
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
    this.cell = '';
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cell, width: runeCount(this.cell), htab });
    this.cell = '';
    return line.length;
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    const { padchar, tabwidth } = this.opts;
    if (padchar === '\t' || useTabs) {
      if (tabwidth === 0) return;
      const w = Math.ceil(cellw / tabwidth) * tabwidth;
      const n = w - textw;
      if (n < 0) throw new Error('internal error');
      this.out += '\t'.repeat(Math.ceil(n / tabwidth));
      return;
    }
    this.out += padchar.repeat(Math.max(0, cellw - textw));
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      let useTabs = this.opts.tabIndent === true;
      for (let j = 0; j < line.length; j++) {
        const c = line[j]!;
        const w = this.widths[j];
        if (c.text.length === 0) {
          if (w !== undefined) this.writePadding(c.width, w, useTabs);
        } else {
          useTabs = false;
          if (this.opts.alignRight !== true) {
            this.out += c.text;
            if (w !== undefined) this.writePadding(c.width, w, false);
          } else {
            if (w !== undefined) this.writePadding(c.width, w, false);
            this.out += c.text;
          }
        }
      }
      if (i + 1 === this.lines.length) {
        this.out += this.cell;
      } else {
        this.out += '\n';
      }
    }
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let th = line0; th < line1; th++) {
      let line = this.lines[th]!;
      if (column >= line.length - 1) continue;
      // A cell exists in this column: print the lines above the block, then measure the block.
      this.writeLines(line0, th);
      line0 = th;
      let width = this.opts.minwidth;
      let discardable = true;
      for (; th < line1; th++) {
        line = this.lines[th]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        const w = c.width + this.opts.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.opts.discardEmptyColumns === true) width = 0;
      this.widths.push(width);
      this.format(line0, th);
      this.widths.pop();
      line0 = th;
    }
    this.writeLines(line0, line1);
  }
}

/**
 * Runs `text` through a Go tabwriter and returns the formatted result.
 *
 * @example
 * ```ts
 * tabwrite('Name:\tpi\nNamespace:\tdefault\n', KUBECTL_DESCRIBE_TABWRITER);
 * // 'Name:       pi\nNamespace:  default\n'
 * ```
 */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  const w = new GoTabWriter(opts);
  w.write(text);
  w.flush();
  return w.output;
}
