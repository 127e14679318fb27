import { ConfigurationError } from '../../errors/index.js';
import { LOCAL_STRATEGY, NETWORK_TOPOLOGY_STRATEGY, SIMPLE_STRATEGY } from '../../schema/index.js';
import { LocalStrategy } from './local-strategy.js';
import { NetworkTopologyStrategy } from './network-topology-strategy.js';
import type { ReplicationStrategy } from './replication-strategy.js';
import { SimpleStrategy } from './simple-strategy.js';
import type { RingEndpoint, TokenRing } from './token-ring.js';

const LOCATOR_PACKAGE = 'org.apache.cassandra.locator.';
const REPLICATION_FACTOR = 'replication_factor';

/**
 * The strategy of a keyspace's replication map as system_schema.keyspaces stores it: 'class' (full Java
 * name, or the short name), then 'replication_factor' (SimpleStrategy) or dc → RF (NetworkTopologyStrategy).
 * `localEndpoint` is the node asking: LocalStrategy's only replica, and the data center of the others'.
 */
export function createReplicationStrategy(
  replication: ReadonlyMap<string, string>,
  ring: TokenRing,
  localEndpoint: RingEndpoint,
): ReplicationStrategy {
  const className = strategyClassName(replication.get('class'));
  switch (className) {
    case SIMPLE_STRATEGY: {
      const rf = replication.get(REPLICATION_FACTOR);
      if (rf === undefined) throw new ConfigurationError('SimpleStrategy requires a replication_factor strategy option.');
      return new SimpleStrategy(ring, parseReplicationFactor(rf), localEndpoint.dataCenter);
    }
    case NETWORK_TOPOLOGY_STRATEGY:
      return new NetworkTopologyStrategy(ring, dataCenterFactors(replication));
    case LOCAL_STRATEGY:
      return new LocalStrategy(localEndpoint);
    default:
      throw new ConfigurationError(`Unable to find replication strategy class '${className}'`);
  }
}

/** AbstractReplicationStrategy.getClass: a name without a package is looked up in the locator package. */
function strategyClassName(name: string | undefined): string {
  if (name === undefined) throw new ConfigurationError('Missing replication strategy class');
  return name.includes('.') ? name : LOCATOR_PACKAGE + name;
}

/** NetworkTopologyStrategy's constructor: every option but 'class' is a data center. */
function dataCenterFactors(replication: ReadonlyMap<string, string>): ReadonlyMap<string, number> {
  const factors = new Map<string, number>();
  for (const [key, value] of replication) {
    if (key === 'class') continue;
    // The keyspace DDL expands 'replication_factor' into data centers before the map is stored.
    if (key.toLowerCase() === REPLICATION_FACTOR) {
      throw new ConfigurationError(
        'replication_factor should not appear as an option at construction time for NetworkTopologyStrategy',
      );
    }
    factors.set(key, parseReplicationFactor(value));
  }
  return factors;
}

/** ReplicationFactor.fromString with transient replication disabled (Cassandra's default). */
function parseReplicationFactor(text: string): number {
  if (text.includes('/')) throw new ConfigurationError('Transient replication is not enabled on this node');
  const rf = /^[+-]?\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(rf) || rf > 2147483647) throw new ConfigurationError(`For input string: "${text}"`);
  if (rf < 0) throw new ConfigurationError(`Replication factor must be non-negative, found ${rf}`);
  return rf;
}
