import type { Scheduler } from '../../common/index.js';

/**
 * Resolves true once `condition` holds, checking now and then every `stepMs` of scheduler time, or
 * false after `maxMs`. Under a virtual clock it moves only as time is advanced.
 */
export function waitUntil(scheduler: Scheduler, condition: () => boolean, stepMs: number, maxMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let waitedMs = 0;
    const check = (): void => {
      if (condition()) resolve(true);
      else if (waitedMs >= maxMs) resolve(false);
      else {
        waitedMs += stepMs;
        scheduler.schedule(stepMs, check);
      }
    };
    check();
  });
}
