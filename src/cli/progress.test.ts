import { describe, expect, it } from 'vitest';
import { VirtualClock, VirtualScheduler } from '../common/index.js';
import type { CliIo } from './cli-io.js';
import { withProgress } from './progress.js';

function terminal(isTTY: boolean): { io: CliIo; written: string[]; scheduler: VirtualScheduler } {
  const clock = new VirtualClock();
  const scheduler = new VirtualScheduler(clock);
  const written: string[] = [];
  const stream = { isTTY, write: (t: string) => written.push(t) };
  const io: CliIo = {
    stdout: stream, stderr: stream, env: {}, clock, scheduler, fetch: () => Promise.reject(new Error('no fetch')), stopRequested: () => Promise.resolve(), readStdin: () => Promise.resolve(''),
  };
  return { io, written, scheduler };
}

describe('progress', () => {
  it('shows nothing for an operation done within a second', async () => {
    const { io, written } = terminal(true);
    expect(await withProgress(io, 'Repairing', Promise.resolve(7))).toBe(7);
    expect(written).toEqual([]);
  });

  it('shows the elapsed seconds on one line after a second, and clears it at the end', async () => {
    const { io, written, scheduler } = terminal(true);
    let finish: (value: string) => void = () => {};
    const running = withProgress(io, 'Decommissioning node 3', new Promise<string>((done) => { finish = done; }));
    scheduler.advance(999);
    expect(written).toEqual([]);
    scheduler.advance(1);
    scheduler.advance(1000);
    finish('done');
    expect(await running).toBe('done');
    expect(written[0]).toBe('\rDecommissioning node 3 ... 1s');
    expect(written).toContain('\rDecommissioning node 3 ... 2s');
    expect(written.at(-1)).toBe('\r\u001b[2K');
  });

  it('stays quiet when the output is no terminal', async () => {
    const { io, written, scheduler } = terminal(false);
    const running = withProgress(io, 'Bootstrapping', new Promise((done) => setTimeout(done, 10)));
    scheduler.advance(5000);
    await running;
    expect(written).toEqual([]);
  });
});
