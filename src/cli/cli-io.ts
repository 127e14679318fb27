import { SystemClock, SystemScheduler, type Clock, type Scheduler } from '../common/index.js';

/** A stream the CLI writes to: a terminal (isTTY) or a pipe. */
export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so that its commands can run in a test with captured output. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly fetch: typeof fetch;
  /** Resolves once the user asks the process to stop (Ctrl-C, SIGTERM): what start, run and activity --follow wait for. */
  stopRequested(): Promise<void>;
  /** The whole of standard input (prime -). */
  readStdin(): Promise<string>;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    clock: new SystemClock(),
    scheduler: new SystemScheduler(),
    fetch: (input, init) => fetch(input, init),
    stopRequested: () => new Promise((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Exit codes: 1 when the operation failed, 2 when the command line was wrong. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}
