import type { Cluster } from '../../cluster/index.js';
import { conflict } from '../admin-error.js';
import { route, type AdminRoute } from '../route.js';
import { object } from '../schemas.js';

const CLOCK = object({
  clock: { type: 'string', enum: ['system', 'virtual'] },
  nowMs: { type: 'integer', description: "the cluster's time, in milliseconds since the epoch" },
}, ['clock', 'nowMs']);

function clockView(cluster: Cluster): unknown {
  return { clock: cluster.config.clock, nowMs: Math.floor(cluster.clock.nowMs()) };
}

/** The cluster's clock, and moving a virtual one forward (TTLs expire, timers fire, hint windows pass). */
export const clockRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/clock', tag: 'clock', summary: "The cluster's clock and time",
    response: CLOCK,
    handle: ({ cluster }) => clockView(cluster),
  }),
  route<unknown, unknown, { readonly ms: number }>({
    method: 'POST', url: '/clock/advance', tag: 'clock',
    summary: 'Moves a virtual clock forward, running the timers that fall due (409 on the system clock)',
    body: object({ ms: { type: 'number', minimum: 0, description: 'milliseconds to move forward' } }, ['ms']),
    response: CLOCK, errors: [409],
    handle: ({ cluster, operations }, { body }) => {
      if (cluster.config.clock !== 'virtual') throw conflict('The cluster runs on the system clock: only a virtual clock (--clock virtual) can be advanced');
      operations.advanceTime(body.ms);
      return clockView(cluster);
    },
  }),
];
