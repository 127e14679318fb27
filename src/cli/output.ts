import { colourFor } from '../admin/index.js';
import type { OutputStream } from './cli-io.js';

export type Colour = 'green' | 'red' | 'yellow' | 'bold' | 'dim';

const CODES: Readonly<Record<Colour, number>> = { green: 32, red: 31, yellow: 33, bold: 1, dim: 2 };

/** What a command prints: JSON for scripts (--json), or text, aligned and coloured on a terminal. */
export class Output {
  private readonly colour: boolean;

  constructor(private readonly stream: OutputStream, readonly json: boolean) {
    this.colour = !json && colourFor(stream);
  }

  /** Prints `value` as JSON with --json, else the text `text()` makes of it. */
  result(value: unknown, text: () => string): void {
    this.stream.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
  }

  /** One line as it is, for output that streams (activity --follow). */
  line(text: string): void {
    this.stream.write(`${text}\n`);
  }

  paint(text: string, colour: Colour): string {
    return this.colour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
  }
}

/** Columns left-aligned, two spaces apart; a cell's colour codes do not count towards its width. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const visible = (cell: string): number => cell.replace(/\u001b\[\d+m/g, '').length;
  const widths = header.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ''))));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c + ' '.repeat(widths[i]! - visible(c))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Bytes as nodetool prints a load: 512 bytes, 69.71 KiB, 1.5 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  if (bytes < 1024) return `${bytes} bytes`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(2)} ${units[unit]}`;
}

/** A share as nodetool prints ownership: 33.3%. */
export function formatPercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
