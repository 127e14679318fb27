import {
  AutoAdvance, SystemClock, SystemScheduler, VirtualClock, VirtualScheduler, type Clock, type Scheduler,
} from '../common/index.js';
import type { ClusterConfig } from '../config/index.js';

/** The time a cluster runs on: its clock, its timers, and the virtual scheduler a test can move. */
export interface ClusterClock {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** Under 'virtual' and 'auto': the timers advanceTime runs; null on the system clock. */
  readonly virtual: VirtualScheduler | null;
  /** Under 'auto': what moves time by itself; started and stopped with the cluster. */
  readonly auto: AutoAdvance | null;
}

/**
 * The clock of `config.clock`. A virtual clock starts at the real time of now unless `clockStartMs` says
 * otherwise: drivers stamp writes with real time, and a clock far behind it would make every server-side
 * timestamp (Paxos commits, writes without a client timestamp) lose to them.
 */
export function clusterClock(config: ClusterConfig, waiting: () => boolean): ClusterClock {
  if (config.clock === 'system') return { clock: new SystemClock(), scheduler: new SystemScheduler(), virtual: null, auto: null };
  const clock = new VirtualClock(Math.floor(config.clockStartMs ?? new SystemClock().nowMs()));
  const scheduler = new VirtualScheduler(clock);
  const auto = config.clock === 'auto' ? new AutoAdvance(scheduler, new SystemScheduler(), waiting) : null;
  return { clock, scheduler, virtual: scheduler, auto };
}
