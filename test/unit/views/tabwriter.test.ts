import { describe, expect, it } from 'vitest';
import { getOutput, noResourcesFound, renderTable, tableCell } from '../../../src/views/table.js';
import {
  GoTabWriter,
  KUBECTL_DESCRIBE_TABWRITER,
  KUBECTL_TABLE_TABWRITER,
  tabwrite,
} from '../../../src/views/tabwriter.js';

describe('GoTabWriter (port of text/tabwriter)', () => {
  // go/src/text/tabwriter/example_test.go ExampleWriter_Init
  it('ExampleWriter_Init: tab padding with a tab stop of 8', () => {
    const text = 'a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n';
    expect(tabwrite(text, { minwidth: 0, tabwidth: 8, padding: 0, padchar: '\t' })).toBe(
      'a\tb\tc\td\t\t.\n123\t12345\t1234567\t123456789\t.\n\n',
    );
  });

  it('ExampleWriter_Init: right-aligned, minimal width 5, padding 1', () => {
    const text = 'a\tb\tc\td\t.\n123\t12345\t1234567\t123456789\t.\n\n';
    expect(tabwrite(text, { minwidth: 5, tabwidth: 0, padding: 1, padchar: ' ', alignRight: true })).toBe(
      '    a     b       c         d.\n  123 12345 1234567 123456789.\n\n',
    );
  });

  // The column-block example of the tabwriter package documentation: the b and c cells are in
  // distinct columns because the column is not contiguous; trailing text is not a column.
  it('ends a column block at a line without a cell in that column', () => {
    const text = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
    expect(tabwrite(text, { minwidth: 0, tabwidth: 8, padding: 1, padchar: '.' })).toBe(
      'aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n',
    );
  });

  it('pads a tab-terminated empty last cell (the trailing spaces of describe output)', () => {
    expect(tabwrite('IP:\t\nNamespace:\tdefault\n', KUBECTL_DESCRIBE_TABWRITER)).toBe(
      'IP:         \nNamespace:  default\n',
    );
  });

  it('flush ends every column block', () => {
    const w = new GoTabWriter(KUBECTL_DESCRIBE_TABWRITER);
    w.write('a:\tx\n');
    w.flush();
    w.write('longer key:\ty\n');
    w.flush();
    expect(w.output).toBe('a:  x\nlonger key:  y\n');
  });

  it('keeps text that has no trailing newline', () => {
    expect(tabwrite('a\tb', KUBECTL_TABLE_TABWRITER)).toBe('a     b');
  });

  it('counts runes, not UTF-16 units, for widths', () => {
    expect(tabwrite('ñ😀\tx\nab\ty\n', KUBECTL_DESCRIBE_TABWRITER)).toBe('ñ😀  x\nab  y\n');
  });
});

describe('renderTable (kubectl get)', () => {
  it('upper-cases headers and separates columns by three spaces', () => {
    expect(renderTable(['Name', 'Age'], [['pi', '5s']])).toBe('NAME   AGE\npi     5s\n');
  });

  it('gives every column at least the minimum width of 6', () => {
    expect(renderTable(['A', 'B'], [['x', 'y']])).toBe('A     B\nx     y\n');
  });

  it('pads empty middle cells and never pads the last column', () => {
    expect(renderTable(['Name', 'Duration', 'Age'], [['pi', '', '3s']])).toBe(
      'NAME   DURATION   AGE\npi                3s\n',
    );
  });

  it('prints nothing at all for no rows', () => {
    expect(renderTable(['Name'], [])).toBe('');
  });

  it('cuts a cell at its first newline and appends ...', () => {
    expect(tableCell('line one\nline two')).toBe('line one...');
    expect(tableCell('a\x1bb')).toBe('a^[b');
  });

  it('says No resources found as kubectl does', () => {
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.');
    expect(noResourcesFound()).toBe('No resources found');
    expect(getOutput('', 'default')).toEqual({
      stdout: '',
      stderr: 'No resources found in default namespace.\n',
    });
    expect(getOutput('NAME\nx\n', 'default')).toEqual({ stdout: 'NAME\nx\n', stderr: '' });
  });
});
