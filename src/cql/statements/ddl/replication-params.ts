import { ConfigurationError } from '../../../errors/index.js';
import {
  AUTH_KEYSPACE, LOCAL_STRATEGY, NETWORK_TOPOLOGY_STRATEGY, SIMPLE_STRATEGY, compareNames, isSystemKeyspace,
  type ReplicationOptions,
} from '../../../schema/index.js';

/** default_keyspace_rf (Cassandra 4.1): the replication factor used where a statement gives none. */
const DEFAULT_KEYSPACE_RF = '1';
const LOCATOR_PACKAGE = 'org.apache.cassandra.locator.';
const KNOWN_STRATEGIES = new Set([SIMPLE_STRATEGY, NETWORK_TOPOLOGY_STRATEGY, LOCAL_STRATEGY]);

/**
 * The replication of a keyspace from a statement's `replication` map (ReplicationParams.fromMapWithDefaults):
 * the strategy class resolved to its full name, and omitted replication factors filled in from the previous
 * options (ALTER), the known data centers (NetworkTopologyStrategy) or default_keyspace_rf.
 */
export function replicationFromMap(
  map: ReadonlyMap<string, string>,
  previous: ReplicationOptions | null,
  datacenters: ReadonlyMap<string, number> | undefined,
): ReplicationOptions {
  const options = new Map(map);
  const className = strategyClassName(options.get('class'));
  options.delete('class');
  const previousOptions = new Map(previous ?? []);
  previousOptions.delete('class');
  if (className === SIMPLE_STRATEGY) {
    if (!options.has('replication_factor')) {
      options.set('replication_factor', previousOptions.get('replication_factor') ?? DEFAULT_KEYSPACE_RF);
    }
  } else if (className === NETWORK_TOPOLOGY_STRATEGY) {
    prepareNetworkTopologyOptions(options, previousOptions, datacenters);
  }
  const sorted = [...options].sort(([a], [b]) => compareNames(a, b));
  return new Map([['class', className], ...sorted]);
}

function strategyClassName(name: string | undefined): string {
  if (name === undefined) throw new ConfigurationError('Missing replication strategy class');
  const full = name.includes('.') ? name : LOCATOR_PACKAGE + name;
  if (full === `${LOCATOR_PACKAGE}OldNetworkTopologyStrategy`) {
    throw new ConfigurationError(
      'The support for the OldNetworkTopologyStrategy has been removed in C* version 4.0. The keyspace strategy should be switch to NetworkTopologyStrategy',
    );
  }
  if (!KNOWN_STRATEGIES.has(full)) throw new ConfigurationError(`Unable to find replication strategy class '${full}'`);
  return full;
}

/** NetworkTopologyStrategy.prepareOptions: expands 'replication_factor' to every data center not listed. */
function prepareNetworkTopologyOptions(
  options: Map<string, string>,
  previous: ReadonlyMap<string, string>,
  datacenters: ReadonlyMap<string, number> | undefined,
): void {
  if (options.size === 0) options.set('replication_factor', previous.get('replication_factor') ?? DEFAULT_KEYSPACE_RF);
  let replication = options.get('replication_factor');
  options.delete('replication_factor');
  if (replication === undefined && options.size === 0) {
    replication = previous.get('replication_factor');
  } else if (replication !== undefined) {
    // On ALTER, data centers already configured keep their replication factor.
    for (const [dc, rf] of previous) if (dc !== 'replication_factor' && !options.has(dc)) options.set(dc, rf);
  }
  if (replication !== undefined) {
    const rf = parseReplicationFactor(replication);
    for (const dc of datacenters?.keys() ?? []) if (!options.has(dc)) options.set(dc, String(rf));
  }
  for (const [dc, rf] of options) if (rf === '0') options.delete(dc);
}

/** ReplicationFactor.fromString without transient replication, which Cassanova (like default Cassandra) disables. */
export function parseReplicationFactor(text: string): number {
  if (text.includes('/')) throw new ConfigurationError('Transient replication is not enabled on this node');
  if (!/^[+-]?\d+$/.test(text) || Math.abs(Number(text)) > 2147483647) {
    throw new ConfigurationError(`For input string: "${text}"`);
  }
  const rf = Number(text);
  if (rf < 0) throw new ConfigurationError(`Replication factor must be non-negative, found ${rf}`);
  return rf;
}

/** The strategy's own checks (AbstractReplicationStrategy.validateReplicationStrategy). */
export function validateReplication(
  keyspace: string,
  replication: ReplicationOptions,
  datacenters: ReadonlyMap<string, number> | undefined,
): void {
  const className = replication.get('class');
  const options = [...replication].filter(([key]) => key !== 'class');
  if (className === SIMPLE_STRATEGY) {
    const rf = replication.get('replication_factor');
    if (rf === undefined) throw new ConfigurationError('SimpleStrategy requires a replication_factor strategy option.');
    parseReplicationFactor(rf);
    for (const [key] of options) if (key !== 'replication_factor') throw unrecognized(key, 'SimpleStrategy', keyspace);
  } else if (className === NETWORK_TOPOLOGY_STRATEGY) {
    for (const [, rf] of options) parseReplicationFactor(rf);
    if (options.length === 0) throw new ConfigurationError('Configuration for at least one datacenter must be present');
    if (datacenters === undefined) return;
    for (const [dc] of options) if (!datacenters.has(dc)) throw unrecognized(dc, 'NetworkTopologyStrategy', keyspace);
    const missing = [...datacenters.keys()].filter((dc) => !replication.has(dc));
    if (keyspace === AUTH_KEYSPACE && missing.length > 0) {
      throw new ConfigurationError(
        `Following datacenters have active nodes and must be present in replication options for keyspace ${AUTH_KEYSPACE}: [${missing.join(', ')}]`,
      );
    }
  }
}

function unrecognized(option: string, strategy: string, keyspace: string): ConfigurationError {
  return new ConfigurationError(`Unrecognized strategy option {${option}} passed to ${strategy} for keyspace ${keyspace}`);
}

/** The total number of replicas (LocalStrategy has one: the node itself). */
export function totalReplicationFactor(replication: ReplicationOptions): number {
  const className = replication.get('class');
  if (className === SIMPLE_STRATEGY) return Number(replication.get('replication_factor') ?? 0);
  if (className === NETWORK_TOPOLOGY_STRATEGY) {
    return [...replication].filter(([key]) => key !== 'class').reduce((sum, [, rf]) => sum + Number(rf), 0);
  }
  return 1;
}

/** The warnings of maybeWarnOnOptions: more replicas than nodes, for user keyspaces only. */
export function replicationWarnings(
  keyspace: string,
  replication: ReplicationOptions,
  datacenters: ReadonlyMap<string, number> | undefined,
): string[] {
  if (datacenters === undefined || isSystemKeyspace(keyspace)) return [];
  const prefix = (rf: number, nodes: number): string =>
    `Your replication factor ${rf} for keyspace ${keyspace} is higher than the number of nodes ${nodes}`;
  if (replication.get('class') === SIMPLE_STRATEGY) {
    const rf = totalReplicationFactor(replication);
    const nodes = [...datacenters.values()].reduce((sum, n) => sum + n, 0);
    return rf > nodes && nodes !== 0 ? [prefix(rf, nodes)] : [];
  }
  if (replication.get('class') !== NETWORK_TOPOLOGY_STRATEGY) return [];
  return [...replication]
    .filter(([key]) => key !== 'class')
    .flatMap(([dc, rf]) => {
      const nodes = datacenters.get(dc) ?? 0;
      return Number(rf) > nodes && nodes !== 0 ? [`${prefix(Number(rf), nodes)} for datacenter ${dc}`] : [];
    });
}
