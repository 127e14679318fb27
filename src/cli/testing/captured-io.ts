import { SystemClock, SystemScheduler } from '../../common/index.js';
import type { CliIo } from '../cli-io.js';

/**
 * What a test runs the CLI in-process with: output collected into `out` and `err`, the system clock, Node's
 * fetch, no Ctrl-C and an empty standard input, unless `overrides` says otherwise.
 */
export function capturedIo(out: string[], err: string[], overrides: Partial<CliIo> = {}): CliIo {
  return {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    env: {},
    clock: new SystemClock(),
    scheduler: new SystemScheduler(),
    fetch: (input, init) => fetch(input, init),
    stopRequested: () => Promise.resolve(),
    readStdin: () => Promise.resolve(''),
    ...overrides,
  };
}
