import { ConfigurationError, InvalidRequestError } from '../../../errors/index.js';
import { LOCAL_STRATEGY, type KeyspaceMetadata, type ReplicationOptions } from '../../../schema/index.js';
import type { Properties } from '../../ast/index.js';
import { PropertyDefinitions } from './property-definitions.js';
import { replicationFromMap, validateReplication } from './replication-params.js';

const KEYSPACE_KEYWORDS: ReadonlySet<string> = new Set(['replication', 'durable_writes']);

/** The WITH options of CREATE/ALTER KEYSPACE (KeyspaceAttributes). */
export class KeyspaceAttributes {
  private readonly definitions: PropertyDefinitions;

  constructor(properties: Properties) {
    this.definitions = new PropertyDefinitions(properties);
    this.definitions.validate(KEYSPACE_KEYWORDS);
    const replication = this.definitions.getMap('replication');
    if (replication !== undefined && replication.size > 0 && !replication.has('class')) {
      throw new ConfigurationError('Missing replication strategy class');
    }
  }

  get hasReplication(): boolean {
    return this.definitions.has('replication');
  }

  durableWrites(previous: boolean): boolean {
    return this.definitions.getBoolean('durable_writes') ?? previous;
  }

  /** The new replication, or `previous` when the statement leaves replication alone. */
  replication(previous: ReplicationOptions | null, datacenters: ReadonlyMap<string, number> | undefined): ReplicationOptions {
    const map = this.definitions.getMap('replication');
    if (map === undefined || (previous !== null && !map.has('class'))) {
      if (previous === null) throw new ConfigurationError('Missing replication strategy class');
      return previous;
    }
    return replicationFromMap(map, previous, datacenters);
  }
}

/** The checks CREATE and ALTER KEYSPACE share once the new replication is known. */
export function validateKeyspaceParams(
  keyspace: string,
  replication: ReplicationOptions,
  datacenters: ReadonlyMap<string, number> | undefined,
): void {
  if (replication.get('class') === LOCAL_STRATEGY) {
    throw new InvalidRequestError('Unable to use given strategy class: LocalStrategy is reserved for internal use.');
  }
  validateReplication(keyspace, replication, datacenters);
}

export function sameParams(a: KeyspaceMetadata, b: KeyspaceMetadata): boolean {
  if (a.durableWrites !== b.durableWrites || a.replication.size !== b.replication.size) return false;
  return [...a.replication].every(([k, v]) => b.replication.get(k) === v);
}
