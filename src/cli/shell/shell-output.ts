import { closeSync, openSync, writeSync } from 'node:fs';
import type { OutputStream } from '../cli-io.js';
import { COLOURS } from './result-table.js';

/** Where the lines of the input come from, for the `file:line:` of errors outside a terminal. */
export interface InputPosition {
  readonly name: string;
  /** cqlsh's lineno: one more than the lines read so far. */
  lineno: number;
}

/**
 * cqlsh's three outputs: results (writeresult, which CAPTURE redirects to a file), messages (print, to
 * standard output) and errors (printerr, to standard error, prefixed by `file:line:` when line numbers
 * show, i.e. outside tty mode). Any error marks the run so that -e and -f exit non-zero.
 */
export class ShellOutput {
  statementError = false;
  private captureFd: number | null = null;
  private capturePath: string | null = null;

  constructor(private readonly stdout: OutputStream, private readonly stderr: OutputStream, readonly colour: boolean, public position: InputPosition | null) {}

  /** A line of a result; captured to a file while CAPTURE is on. */
  result(line: string): void {
    if (this.captureFd !== null) writeSync(this.captureFd, `${stripColour(line)}\n`);
    else this.stdout.write(`${line}\n`);
  }

  print(line: string): void {
    this.stdout.write(`${line}\n`);
  }

  /** Without a newline (the ---MORE--- and trace prompts). */
  raw(text: string): void {
    this.stdout.write(text);
  }

  error(text: string): void {
    this.statementError = true;
    const prefixed = this.position === null ? text : `${this.position.name}:${this.position.lineno}:${text}`;
    this.stderr.write(`${this.colour ? `${COLOURS.RED}${prefixed}${COLOURS.RESET}` : prefixed}\n`);
  }

  get capturing(): string | null {
    return this.capturePath;
  }

  startCapture(path: string): void {
    this.stopCapture();
    this.captureFd = openSync(path, 'a');
    this.capturePath = path;
  }

  stopCapture(): void {
    if (this.captureFd !== null) closeSync(this.captureFd);
    this.captureFd = null;
    this.capturePath = null;
  }
}

function stripColour(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
