import { randomBytes } from 'node:crypto';

/** What freshKeyspace needs of a client: a Node.js driver Client is one. */
export interface CqlClient {
  execute(query: string): Promise<unknown>;
}

export interface FreshKeyspaceOptions {
  /** Replicas per data center (default 1), in the `dataCenter`'s NetworkTopologyStrategy. */
  readonly replicationFactor?: number;
  /** The data center to replicate in; default the local data center of the environment's cluster, or datacenter1. */
  readonly dataCenter?: string;
  /** The start of the keyspace's name (default 'test'); a random suffix follows. */
  readonly prefix?: string;
}

export interface FreshKeyspace {
  readonly name: string;
  /** DROP KEYSPACE: call it after the test (afterEach), so that a long run holds no old data. */
  drop(): Promise<void>;
}

/**
 * A keyspace of its own for one test: what the test writes cannot leak into the next one, whichever order
 * they run in, and tests in parallel workers never share tables. Create the test's tables in it.
 */
export async function freshKeyspace(client: CqlClient, options: FreshKeyspaceOptions = {}): Promise<FreshKeyspace> {
  const prefix = options.prefix ?? 'test';
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(prefix)) throw new RangeError(`Invalid keyspace prefix '${prefix}': lower-case letters, digits and _`);
  // Not the cluster's seeded random: every test worker must draw different names, whatever the seed.
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const dataCenter = options.dataCenter ?? process.env['CASSANOVA_LOCAL_DATA_CENTER'] ?? 'datacenter1';
  const replicationFactor = options.replicationFactor ?? 1;
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) throw new RangeError(`Invalid replication factor ${replicationFactor}`);
  await client.execute(`CREATE KEYSPACE ${name} WITH replication = {'class': 'NetworkTopologyStrategy', '${dataCenter.replaceAll("'", "''")}': ${replicationFactor}}`);
  return { name, drop: async () => { await client.execute(`DROP KEYSPACE IF EXISTS ${name}`); } };
}
