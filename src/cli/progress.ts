import type { CliIo } from './cli-io.js';

const FIRST_SHOWN_MS = 1000;
const REFRESH_MS = 250;

/**
 * Waits for `operation`, and on a terminal shows that it is still going once it has taken a second:
 * `Decommissioning node 3 ... 4s`, on one line rewritten in place and cleared at the end.
 */
export async function withProgress<T>(io: CliIo, label: string, operation: Promise<T>): Promise<T> {
  const stream = io.stderr;
  if (stream.isTTY !== true) return operation;
  const startMs = io.clock.nowMs();
  let shown = false;
  let timer = io.scheduler.schedule(FIRST_SHOWN_MS, function tick() {
    shown = true;
    stream.write(`\r${label} ... ${Math.floor((io.clock.nowMs() - startMs) / 1000)}s`);
    timer = io.scheduler.schedule(REFRESH_MS, tick);
  });
  try {
    return await operation;
  } finally {
    timer.cancel();
    if (shown) stream.write('\r\u001b[2K');
  }
}
