import { describe, expect, it } from 'vitest';
import type { PendingSync, SlicedWork } from '../sstable/index.js';
import { StepScheduler } from '../testing/step-scheduler.js';
import { TaskLane } from './task-lane.js';

/** A job of `slices` slices that logs each one as `name:i` and returns its name. */
function job(log: string[], name: string, slices: number) {
  return function* (): SlicedWork<string> {
    for (let i = 1; i <= slices; i++) {
      log.push(`${name}:${i}`);
      if (i < slices) yield;
    }
    return name;
  };
}

describe('TaskLane', () => {
  it('runs one job at a time, a slice per turn of the scheduler, in the order they came', async () => {
    const scheduler = new StepScheduler();
    const lane = new TaskLane(scheduler);
    const log: string[] = [];
    const a = lane.submit(job(log, 'a', 3));
    const b = lane.submit(job(log, 'b', 2));
    expect(log).toEqual([]);
    expect(lane.busy).toBe(true);
    scheduler.runOne();
    expect(log).toEqual(['a:1']);
    expect(scheduler.runAll()).toBe(4);
    expect(log).toEqual(['a:1', 'a:2', 'a:3', 'b:1', 'b:2']);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(lane.busy).toBe(false);
  });

  it('resolves idle() once the jobs queued before have ended', async () => {
    const scheduler = new StepScheduler();
    const lane = new TaskLane(scheduler);
    await lane.idle();
    const log: string[] = [];
    void lane.submit(job(log, 'a', 2));
    let idle = false;
    const waiting = lane.idle().then(() => { idle = true; });
    scheduler.runOne();
    await Promise.resolve();
    expect(idle).toBe(false);
    scheduler.runAll();
    await waiting;
    expect(log).toEqual(['a:1', 'a:2']);
  });

  it('finishes every job at once when asked, and throws the first failure after running the others', async () => {
    const scheduler = new StepScheduler();
    const lane = new TaskLane(scheduler);
    const log: string[] = [];
    const a = lane.submit(job(log, 'a', 3));
    const failing = lane.submit(function* (): SlicedWork<string> {
      yield;
      throw new Error('disk full');
    });
    const c = lane.submit(job(log, 'c', 2));
    scheduler.runOne();
    expect(() => lane.finishNow()).toThrow('disk full');
    expect(log).toEqual(['a:1', 'a:2', 'a:3', 'c:1', 'c:2']);
    expect(await a).toBe('a');
    await expect(failing).rejects.toThrow('disk full');
    expect(await c).toBe('c');
    // The slice scheduled before finishNow() was cancelled.
    expect(scheduler.runAll()).toBe(0);
  });

  it('stops the running job (its finally blocks run) and drops the queued ones when aborted', async () => {
    const scheduler = new StepScheduler();
    const lane = new TaskLane(scheduler);
    const cleaned: string[] = [];
    const running = lane.submit(function* (): SlicedWork<string> {
      try {
        yield;
        yield;
        return 'never';
      } finally {
        cleaned.push('running');
      }
    });
    const queued = lane.submit(job([], 'queued', 1));
    scheduler.runOne();
    lane.abort();
    expect(cleaned).toEqual(['running']);
    expect(await running).toBeUndefined();
    expect(await queued).toBeUndefined();
    expect(lane.busy).toBe(false);
    expect(scheduler.runAll()).toBe(0);
  });

  it('waits for the syncs a job asks for off the event loop, does them at once when finishing now, and throws their failures into the job', async () => {
    const scheduler = new StepScheduler();
    const lane = new TaskLane(scheduler);
    const log: string[] = [];
    let release: () => void = () => {};
    const sync = (name: string, fail = false): PendingSync => ({
      run: () => new Promise<void>((resolve, reject) => { release = () => (fail ? reject(new Error(`${name} failed`)) : resolve()); log.push(`${name} started`); }),
      runSync: () => { log.push(`${name} at once`); },
    });
    const job = lane.submit(function* (): SlicedWork<string> {
      yield sync('first');
      log.push('after first');
      try {
        yield sync('second', true);
      } catch (e) {
        log.push(`caught ${(e as Error).message}`);
      }
      yield sync('third');
      return 'done';
    });
    scheduler.runOne();
    expect(log).toEqual(['first started']);
    // Nothing runs while the sync is under way.
    expect(scheduler.runAll()).toBe(0);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    scheduler.runOne();
    expect(log).toEqual(['first started', 'after first', 'second started']);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.slice(3)).toEqual(['caught second failed', 'third started']);
    // Ending now does the pending sync again at once.
    lane.finishNow();
    expect(log.slice(5)).toEqual(['third at once']);
    expect(await job).toBe('done');
  });
});
