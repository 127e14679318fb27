import type cassandra from 'cassandra-driver';
import { nameCell, tableLines, valueCell, verticalLines, type Cell, type ColumnRole } from './result-table.js';
import type { ShellOutput } from './shell-output.js';
import { formatValue, type ColumnType, type FormatOptions } from './value-format.js';

/** How a result prints: the shell's switches at the time. */
export interface PrintSettings {
  readonly tty: boolean;
  readonly expand: boolean;
  readonly format: FormatOptions;
  /** The role of a column in the table queried, for the colour of its name. */
  readonly roleOf: (name: string) => ColumnRole;
}

/** One page of a result, as the driver returned it. */
export interface ResultPage {
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[] | null;
  readonly rows: readonly cassandra.types.Row[];
  readonly hasMore: boolean;
}

/** A page's names and formatted values. */
function cellsOf(page: ResultPage, settings: PrintSettings, colour: boolean): { names: Cell[]; rows: Cell[][] } {
  const columns = page.columns ?? [];
  const names = columns.map((c) => nameCell(c.name, settings.roleOf(c.name), colour));
  const rows = page.rows.map((row) => {
    const values = row.values();
    return columns.map((c, i) => valueCell(formatValue(values[i], c.type, settings.format), colour));
  });
  return { names, rows };
}

/**
 * print_static_result: one page as a table (or EXPAND blocks numbered from `rowOffset` + 1); the header
 * alone when it has no rows.
 */
export function printPage(out: ShellOutput, page: ResultPage, settings: PrintSettings, withHeader: boolean, rowOffset: number): void {
  if (page.columns === null || page.columns.length === 0) return;
  const { names, rows } = cellsOf(page, settings, out.colour && out.capturing === null);
  let lines: string[];
  if (rows.length === 0) lines = tableLines(names, null, true, settings.tty);
  else if (settings.expand) lines = verticalLines(names, rows, rowOffset + 1);
  else lines = tableLines(names, rows, withHeader, settings.tty);
  for (const line of lines) out.result(line);
}

/**
 * print_result: a blank line, every page (its own widths; the header again on each page in tty mode,
 * where `more` asks before fetching the next), then `(N rows)`.
 */
export async function printResult(out: ShellOutput, first: ResultPage, next: () => Promise<ResultPage>, settings: PrintSettings, more: (() => Promise<boolean>) | null): Promise<void> {
  out.result('');
  let count = 0;
  let page = first;
  let isFirst = true;
  for (;;) {
    if (page.rows.length > 0 || isFirst) {
      printPage(out, page, settings, isFirst || settings.tty, count);
      count += page.rows.length;
    }
    if (!page.hasMore || (more !== null && !(await more()))) break;
    page = await next();
    isFirst = false;
  }
  if (!settings.tty) out.result('');
  out.result(`(${count} rows)`);
}

/** print_warnings: after the result, each warning followed by a blank line. */
export function printWarnings(out: ShellOutput, warnings: readonly string[] | undefined): void {
  if (warnings === undefined || warnings.length === 0) return;
  out.result('');
  out.result('Warnings :');
  for (const warning of warnings) {
    out.result(warning);
    out.result('');
  }
}
