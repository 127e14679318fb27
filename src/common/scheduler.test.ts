import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { scheduleWithFixedDelay, VirtualScheduler } from './scheduler.js';

describe('scheduleWithFixedDelay', () => {
  it('runs a task every period until cancelled', () => {
    const clock = new VirtualClock(0);
    const scheduler = new VirtualScheduler(clock);
    const runs: number[] = [];
    const periodic = scheduleWithFixedDelay(scheduler, 5000, () => runs.push(clock.nowMs()));
    scheduler.advance(4999);
    expect(runs).toEqual([]);
    scheduler.advance(10_001);
    expect(runs).toEqual([5000, 10_000, 15_000]);
    periodic.cancel();
    scheduler.advance(20_000);
    expect(runs).toHaveLength(3);
  });
});
