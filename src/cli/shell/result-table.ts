import type { Formatted, ValueKind } from './value-format.js';

/**
 * Result tables as cqlsh prints them (print_formatted_result, print_formatted_result_vertically): names
 * left-aligned after one space, values right-aligned, ` | ` between columns, `-+-` in the rule; in
 * EXPAND mode one `@ Row n` block per row. Colours are cqlsh's (displaying.py) when enabled.
 */

const RED = '\u001b[0;1;31m';
const GREEN = '\u001b[0;1;32m';
const YELLOW = '\u001b[0;1;33m';
const BLUE = '\u001b[0;1;34m';
const MAGENTA = '\u001b[0;1;35m';
const CYAN = '\u001b[0;1;36m';
const WHITE = '\u001b[0;1;37m';
const DARK_MAGENTA = '\u001b[0;35m';
const RESET = '\u001b[0m';

const VALUE_COLOURS: Readonly<Record<ValueKind, string>> = { text: YELLOW, blob: DARK_MAGENTA, number: GREEN, collection: BLUE, null: RED };

/** A column's role in its table, which colours its name: partition key red, clustering cyan, static white. */
export type ColumnRole = 'partition' | 'clustering' | 'static' | 'regular';
const NAME_COLOURS: Readonly<Record<ColumnRole, string>> = { partition: RED, clustering: CYAN, static: WHITE, regular: MAGENTA };

export interface Cell {
  readonly text: string;
  readonly coloured: string;
}

/** The columns a terminal gives a text: East Asian wide characters take two, combining marks none. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Mn}|\p{Me}/u.test(ch) || cp === 0x200b) continue;
    const wide = (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) || (cp >= 0xac00 && cp <= 0xd7a3)
      || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6)
      || (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

export function valueCell(value: Formatted, colour: boolean): Cell {
  return { text: value.text, coloured: colour ? `${VALUE_COLOURS[value.kind]}${value.text}${RESET}` : value.text };
}

export function nameCell(name: string, role: ColumnRole, colour: boolean): Cell {
  return { text: name, coloured: colour ? `${NAME_COLOURS[role]}${name}${RESET}` : name };
}

function pad(cell: Cell, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(cell.text)));
}

/** The lines of one page: the header (unless `withHeader` is false), the rule, the rows, and a blank line after rows when `tty`. */
export function tableLines(names: readonly Cell[], rows: readonly (readonly Cell[])[] | null, withHeader: boolean, tty: boolean): string[] {
  const widths = names.map((n, i) => Math.max(displayWidth(n.text), ...(rows ?? []).map((r) => displayWidth(r[i]!.text))));
  const lines: string[] = [];
  if (withHeader) {
    lines.push(` ${names.map((n, i) => n.coloured + pad(n, widths[i]!)).join(' | ')}`.trimEnd());
    lines.push(`-${widths.map((w) => '-'.repeat(w)).join('-+-')}-`);
  }
  if (rows === null) return [...lines, ''];
  for (const row of rows) lines.push(` ${row.map((c, i) => pad(c, widths[i]!) + c.coloured).join(' | ')}`);
  if (tty) lines.push('');
  return lines;
}

/** EXPAND ON: a block per row, numbered from `firstRow`, names and values left-aligned. */
export function verticalLines(names: readonly Cell[], rows: readonly (readonly Cell[])[], firstRow: number): string[] {
  const nameWidth = Math.max(...names.map((n) => displayWidth(n.text)));
  const valueWidth = Math.max(0, ...rows.flatMap((r) => r.map((c) => displayWidth(c.text))));
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(`@ Row ${firstRow + i}`);
    lines.push(`-${'-'.repeat(nameWidth)}-+-${'-'.repeat(valueWidth)}-`);
    row.forEach((cell, j) => lines.push(` ${names[j]!.coloured}${pad(names[j]!, nameWidth)} | ${cell.coloured}`));
    lines.push('');
  });
  return lines;
}

/** Python's cmd.Cmd.columnize: names in as few rows as fit in 80 columns, two spaces apart. */
export function columnize(items: readonly string[], displayWidthMax = 80): string[] {
  if (items.length === 0) return ['<empty>'];
  if (items.length === 1) return [items[0]!];
  let nrows = items.length;
  let widths: number[] = [0];
  for (let rows = 1; rows < items.length; rows++) {
    const ncols = Math.ceil(items.length / rows);
    const colWidths: number[] = [];
    let total = -2;
    for (let col = 0; col < ncols; col++) {
      const column = items.slice(col * rows, col * rows + rows);
      const w = Math.max(0, ...column.map((x) => x.length));
      colWidths.push(w);
      total += w + 2;
      if (total > displayWidthMax) break;
    }
    if (total <= displayWidthMax) {
      nrows = rows;
      widths = colWidths;
      break;
    }
  }
  const ncols = nrows === items.length ? 1 : widths.length;
  const lines: string[] = [];
  for (let row = 0; row < nrows; row++) {
    const texts: string[] = [];
    for (let col = 0; col < ncols; col++) texts.push(items[row + nrows * col] ?? '');
    while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
    lines.push(texts.map((t, col) => t.padEnd(widths[col] ?? 0)).join('  '));
  }
  return lines;
}

export const COLOURS = { RED, MAGENTA, BLUE, RESET };
