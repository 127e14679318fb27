import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import type { CqlShell } from './cql-shell.js';
import { complete } from './completion.js';
import { runComplete } from './script-runner.js';

/** The lines kept in the history file. */
const HISTORY_SIZE = 1000;

/**
 * The interactive loop (tty mode): cqlsh's prompts (`cqlsh:ks> `, `   ... ` while a statement goes on),
 * Ctrl-C dropping the statement being typed, Ctrl-D ending the session, tab completion, and a history
 * file kept between runs, where a statement typed over several lines is also kept as one line.
 */
export class Repl {
  private readonly rl: Interface;
  private readonly lines: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private closed = false;
  private buffer = '';

  constructor(private readonly shell: CqlShell, input: NodeJS.ReadableStream, output: NodeJS.WritableStream, private readonly historyFile: string) {
    this.rl = createInterface({
      input, output, terminal: true, historySize: HISTORY_SIZE, removeHistoryDuplicates: false,
      history: readHistory(historyFile),
      completer: (line: string, callback: (err: Error | null, result: [string[], string]) => void) => {
        const word = /[\w."]*$/.exec(line)![0];
        complete(shell, this.buffer + line.slice(0, line.length - word.length), word)
          .then((matches) => callback(null, [matches, word]), () => callback(null, [[], word]));
      },
    });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.closed = true;
      this.deliver(null);
    });
    this.rl.on('SIGINT', () => {
      // cqlsh: Ctrl-C drops the statement being typed and prompts again.
      this.buffer = '';
      // Drop what is typed on the line too: to its end, then all of it.
      this.rl.write(null, { ctrl: true, name: 'e' });
      this.rl.write(null, { ctrl: true, name: 'u' });
      output.write('\n');
      this.rl.setPrompt(shell.prompt);
      this.rl.prompt();
    });
  }

  /** The next line typed after `prompt`; null at end of input. */
  ask(prompt: string): Promise<string | null> {
    if (this.lines.length > 0) return Promise.resolve(this.lines.shift()!);
    if (this.closed) return Promise.resolve(null);
    this.rl.setPrompt(prompt);
    this.rl.prompt();
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  private deliver(line: string | null): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting !== null) waiting(line);
    else if (line !== null) this.lines.push(line);
  }

  /** Reads and runs statements until EXIT, QUIT or the end of input. */
  async run(): Promise<void> {
    while (!this.shell.stopped) {
      const line = await this.ask(this.buffer.trim() === '' ? this.shell.prompt : this.shell.continuePrompt);
      if (line === null) {
        this.shell.out.raw('\n');
        if (this.buffer.trim() !== '') this.shell.out.error('Incomplete statement at end of file');
        break;
      }
      const statement = this.buffer + line + '\n';
      this.buffer = await runComplete(this.shell, statement);
      if (this.buffer === '' && statement.split('\n').length > 2) this.remember(statement);
    }
    this.close();
  }

  /** A statement of several lines also goes into the history as one line. */
  private remember(statement: string): void {
    const history = (this.rl as unknown as { history: string[] }).history;
    history.unshift(statement.replace(/\n/g, ' ').trim());
  }

  close(): void {
    const history = (this.rl as unknown as { history?: string[] }).history ?? [];
    try {
      mkdirSync(dirname(this.historyFile), { recursive: true });
      writeFileSync(this.historyFile, [...history].reverse().join('\n') + (history.length > 0 ? '\n' : ''));
    } catch {
      // A history that cannot be saved is no reason to fail the session (cqlsh warns once at start).
    }
    this.rl.close();
  }
}

/** The history file's lines, newest first as readline takes them. */
function readHistory(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').reverse().slice(0, HISTORY_SIZE);
  } catch {
    return [];
  }
}
