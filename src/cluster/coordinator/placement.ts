import type { RingEndpoint } from '../ring/token-ring.js';

/** The replicas of one token for one keyspace, with the replication factor per data center. */
export interface Placement {
  readonly replicas: readonly RingEndpoint[];
  readonly factors: ReadonlyMap<string, number>;
}
